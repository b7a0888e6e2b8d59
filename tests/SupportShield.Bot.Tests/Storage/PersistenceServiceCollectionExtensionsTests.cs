using SupportShield.Middleware.Transcripts;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Bot.Tests.Support;
using SupportShield.Bot.Storage.ReadScope;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Security;


namespace SupportShield.Bot.Tests.Storage;

public sealed class PersistenceServiceCollectionExtensionsTests
{
    [Test]
    public async Task AddSupportShieldPersistence_HostStarts_CreatesDatabaseAndResolvesEveryStore()
    {
        using var folder = new TemporaryFolder();
        using var host = TestHost.Build(
            new Dictionary<string, string?> { ["SupportShield:Storage:SqlitePath"] = folder.DatabasePath },
            (services, configuration) => services.AddSupportShieldPersistence(configuration).AddSupportShieldPersistence(configuration));

        await host.StartAsync();

        Assert.That(File.Exists(folder.DatabasePath), Is.True);
        var services = host.Services;
        Assert.That(services.GetRequiredService<IConversationStore>(), Is.TypeOf<ScopedConversationStore>(), "the provider's store behind a turn's read scope");
        Assert.That(services.GetRequiredService<SqliteConversationStore>(), Is.Not.Null);
        Assert.That(services.GetRequiredService<IHeldMessageStore>(), Is.TypeOf<SqliteHeldMessageStore>());
        Assert.That(services.GetRequiredService<IAgentTranscriptStore>(), Is.TypeOf<SqliteTranscriptStore>());
        Assert.That(services.GetRequiredService<IAuditLog>(), Is.TypeOf<SqliteAuditLog>());
        Assert.That(services.GetRequiredService<IDecisionRecorder>(), Is.TypeOf<DecisionRecorder>());
        Assert.That(services.GetRequiredService<IStorage>(), Is.TypeOf<SqliteBotStorage>());
        Assert.That(services.GetRequiredService<KeyedHasher>(), Is.Not.Null);
        Assert.That(services.GetRequiredService<IHeldMessageStore>(), Is.SameAs(services.GetRequiredService<SqliteHeldMessageStore>()));
        Assert.That(services.GetServices<SqliteDatabase>().Count(), Is.EqualTo(1));
        await host.StopAsync();
    }
}
