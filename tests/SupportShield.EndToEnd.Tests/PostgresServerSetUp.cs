using SupportShield.Testing;

namespace SupportShield.EndToEnd.Tests;

/// <summary>Stops the assembly's throwaway PostgreSQL server (started on first use by a Postgres test) after the last test.</summary>
[SetUpFixture]
public sealed class PostgresServerSetUp
{
    [OneTimeTearDown]
    public Task StopAsync() => PostgresServer.StopSharedAsync();
}
