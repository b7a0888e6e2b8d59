using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportShield.Bot.Health;
using SupportShield.Bot.Storage;
using SupportShield.Bot.Storage.Postgres;
using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Bot.Tests.Support;
using SupportShield.Bot.Storage.ReadScope;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;
using SupportShield.Testing;

namespace SupportShield.Bot.Tests.Storage.Postgres;

public sealed class PostgresRegistrationTests
{
    [Test]
    public async Task ProviderPostgres_HostStarts_MigratesAndResolvesEveryStoreFromPostgres()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("reg");
        using var folder = new TemporaryFolder();
        using var host = TestHost.Build(
            new Dictionary<string, string?>
            {
                ["SupportShield:Storage:Provider"] = "postgres",
                ["SupportShield:Storage:Postgres:ConnectionString"] = connectionString,
                ["SupportShield:Storage:SqlitePath"] = folder.DatabasePath,
            },
            (services, configuration) => services.AddSupportShieldPersistence(configuration));

        await host.StartAsync();

        var services = host.Services;
        Assert.That(services.GetRequiredService<IConversationStore>(), Is.TypeOf<ScopedConversationStore>(), "the provider's store behind a turn's read scope");
        Assert.That(services.GetRequiredService<PostgresConversationStore>(), Is.Not.Null);
        Assert.That(services.GetRequiredService<IHeldMessageStore>(), Is.TypeOf<PostgresHeldMessageStore>());
        Assert.That(services.GetRequiredService<IAgentTranscriptStore>(), Is.TypeOf<PostgresTranscriptStore>());
        Assert.That(services.GetRequiredService<IAuditLog>(), Is.TypeOf<PostgresAuditLog>());
        Assert.That(services.GetRequiredService<IAuditChainStore>(), Is.SameAs(services.GetRequiredService<IAuditLog>()));
        Assert.That(services.GetRequiredService<IDecisionRecorder>(), Is.TypeOf<PostgresDecisionRecorder>(), "a decision's line and audit record in one commit");
        Assert.That(services.GetRequiredService<IStorage>(), Is.TypeOf<PostgresBotStorage>());
        Assert.That(services.GetRequiredService<IDevOutbox>(), Is.TypeOf<PostgresDevOutbox>());
        Assert.That(services.GetRequiredService<IOverrideRequestStore>(), Is.TypeOf<PostgresOverrideRequestStore>());
        Assert.That(services.GetRequiredService<IFalsePositiveStore>(), Is.TypeOf<PostgresFalsePositiveStore>());
        Assert.That(services.GetServices<SqliteDatabase>(), Is.Empty);
        Assert.That(File.Exists(folder.DatabasePath), Is.False);
        Assert.That(services.GetRequiredService<PostgresDatabase>().GetSchemaVersion(), Is.EqualTo(PostgresSchema.LatestVersion));
        var health = await new DatabaseHealthCheck(services.GetRequiredService<IStorageDatabase>()).CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
        Assert.That(health.Status, Is.EqualTo(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy));
        await host.StopAsync();
        NpgsqlConnection.ClearAllPools();
    }

    [Test]
    public void UnknownProvider_FailsRegistrationWithTheKeyNamed()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => TestHost.Build(
            new Dictionary<string, string?> { ["SupportShield:Storage:Provider"] = "Oracle" },
            (services, configuration) => services.AddSupportShieldPersistence(configuration)));

        Assert.That(exception!.Message, Does.Contain("SupportShield:Storage:Provider").And.Contain("Postgres"));
    }

    [Test]
    public void ProviderPostgres_WithoutConnectionString_FailsStart()
    {
        using var host = TestHost.Build(
            new Dictionary<string, string?> { ["SupportShield:Storage:Provider"] = "Postgres" },
            (services, configuration) => services.AddSupportShieldPersistence(configuration));

        var exception = Assert.CatchAsync(() => host.StartAsync());

        Assert.That(exception, Is.InstanceOf<OptionsValidationException>());
        Assert.That(exception!.Message, Does.Contain("SupportShield:Storage:Postgres:ConnectionString"));
    }

    [Test]
    public void ProviderPostgres_DatabaseUnreachable_FailsStart()
    {
        using var host = TestHost.Build(
            new Dictionary<string, string?>
            {
                ["SupportShield:Storage:Provider"] = "Postgres",
                ["SupportShield:Storage:Postgres:ConnectionString"] = $"Host=127.0.0.1;Port={LoopbackSmtpServer.FreePort()};Database=x;Username=u;Timeout=3",
            },
            (services, configuration) => services.AddSupportShieldPersistence(configuration));

        Assert.CatchAsync<NpgsqlException>(() => host.StartAsync());
    }
}
