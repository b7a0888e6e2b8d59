using SupportShield.Testing;

namespace SupportShield.EndToEnd.Tests.Redis;

/// <summary>One real redis-server for every Redis test of this assembly, started before the first and stopped after the last.</summary>
[SetUpFixture]
public sealed class RedisServerFixture
{
    public static RedisServer Server { get; private set; } = null!;

    /// <summary>Settings that turn Redis on, under a key prefix of the test's own so that tests never see each other's keys.</summary>
    public static Dictionary<string, string?> Settings(string? prefix = null) => new()
    {
        ["SupportShield:Redis:ConnectionString"] = Server.ConnectionString,
        ["SupportShield:Redis:KeyPrefix"] = prefix ?? NewPrefix(),
    };

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12] + ":";

    [OneTimeSetUp]
    public async Task StartAsync() => Server = await RedisServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await Server.DisposeAsync();
}
