using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportShield.Bot.AgentConsole;
using SupportShield.Bot.AgentConsole.Events;
using SupportShield.Bot.Agents;
using SupportShield.Bot.Agents.Contracts;
using SupportShield.Bot.Tests.Support;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.Transcripts;

namespace SupportShield.Bot.Tests.AgentConsole;

/// <summary>
/// The pushes as the host wires them (SQLite stores decorated to report, the views reading them), with the hub context
/// recording what it is asked to send and the conversation store recording which conversations were read.
/// </summary>
public sealed class SignalRConversationEventsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Test]
    public async Task NoConsoleConnected_NoViewIsBuilt_NothingIsPushed_AndPushesResumeWhenOneConnects()
    {
        using var folder = new TemporaryFolder();
        await using var wired = await Wired.StartAsync(folder);

        await wired.Transcript.AppendAsync(Line("quiet", "Hello, my card is 4111 1111 1111 1111"));
        await wired.Events.HeldMessagesChangedAsync("quiet");
        await wired.Events.VerificationChangedAsync("quiet");

        wired.Presence.ConsoleConnected();
        await wired.Transcript.AppendAsync(Line("live", "Hello, where is my parcel?"));
        await wired.WaitForAsync("ConversationUpdated", "live");

        // Pushes are built and sent in order: anything of "quiet" would have come first.
        Assert.That(wired.Hub.Sent.Where(s => s.ConversationId == "quiet"), Is.Empty, "nothing pushed for nobody");
        Assert.That(wired.Reads.Where(id => id == "quiet"), Is.Empty, "no view built for nobody");
        Assert.That(wired.Hub.Sent.Where(s => s.ConversationId == "live").Select(s => (s.Target, s.Method)), Is.EqualTo(new[]
        {
            (AgentHub.GroupOf("live"), nameof(IAgentConsoleClient.TranscriptLine)),
            (AgentHub.ConsolesGroup, nameof(IAgentConsoleClient.ConversationUpdated)),
        }));
        Assert.That(wired.Reads, Does.Contain("live"));
    }

    [Test]
    public async Task LastConsoleLeaves_PushesStop_NextConsoleGetsThemAgain()
    {
        using var folder = new TemporaryFolder();
        await using var wired = await Wired.StartAsync(folder);
        wired.Presence.ConsoleConnected();
        await wired.Events.VerificationChangedAsync("first");
        await wired.WaitForAsync(nameof(IAgentConsoleClient.VerificationChanged), "first");

        wired.Presence.ConsoleDisconnected();
        await wired.Events.VerificationChangedAsync("between");
        await wired.Transcript.AppendAsync(Line("between", "Still there?"));
        wired.Presence.ConsoleConnected();
        await wired.Events.HeldMessagesChangedAsync("again");
        await wired.WaitForAsync(nameof(IAgentConsoleClient.HeldMessagesChanged), "again");

        Assert.That(wired.Hub.Sent.Where(s => s.ConversationId == "between"), Is.Empty);
        Assert.That(wired.Reads.Where(id => id == "between"), Is.Empty);
        Assert.That(wired.Hub.Sent.Select(s => s.ConversationId).Distinct(), Is.EqualTo(new[] { "first", "again" }));
    }

    private static TranscriptEntry Line(string conversationId, string text) =>
        new(conversationId, TranscriptRole.Customer, text, DateTimeOffset.UtcNow);

    private sealed class Wired : IAsyncDisposable
    {
        private readonly ServiceProvider _provider;

        private Wired(ServiceProvider provider, RecordingHubContext hub, ConcurrentQueue<string> reads)
        {
            _provider = provider;
            Hub = hub;
            Reads = reads;
        }

        public RecordingHubContext Hub { get; }

        /// <summary>Every conversation id the conversation store was asked for, in order.</summary>
        public ConcurrentQueue<string> Reads { get; }

        public IAgentConsolePresence Presence => _provider.GetRequiredService<IAgentConsolePresence>();

        public IConversationEvents Events => _provider.GetRequiredService<IConversationEvents>();

        public IAgentTranscriptStore Transcript => _provider.GetRequiredService<IAgentTranscriptStore>();

        public static async Task<Wired> StartAsync(TemporaryFolder folder)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["SupportShield:Storage:SqlitePath"] = folder.DatabasePath })
                .Build();
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<IConfiguration>(configuration);
            services.AddSingleton(TimeProvider.System);
            services.AddSupportShield(configuration);
            services.AddSupportShieldAgentApi(configuration);
            services.AddSupportShieldAgentConsole(configuration);
            var hub = new RecordingHubContext();
            services.AddSingleton<IHubContext<AgentHub, IAgentConsoleClient>>(hub);
            var reads = new ConcurrentQueue<string>();
            services.Decorate<IConversationStore>((_, inner) => new ReadRecordingConversationStore(inner, reads));
            var provider = services.BuildServiceProvider();

            var conversations = provider.GetRequiredService<IConversationStore>();
            foreach (var id in new[] { "quiet", "live", "first", "between", "again" })
            {
                await conversations.SaveReferenceAsync(new ConversationReference { Conversation = new ConversationAccount(id: id), ChannelId = "dev", ServiceUrl = "http://127.0.0.1/" });
            }

            Assert.That(provider.GetRequiredService<IAgentConsolePresence>(), Is.InstanceOf<AgentConsolePresence>(), "Redis is off");
            return new Wired(provider, hub, reads);
        }

        public async Task WaitForAsync(string method, string conversationId)
        {
            var deadline = DateTime.UtcNow + Deadline;
            while (!Hub.Sent.Any(s => s.Method == method && s.ConversationId == conversationId))
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"{method} of {conversationId} was never pushed");
                await Task.Delay(20);
            }
        }

        public ValueTask DisposeAsync() => _provider.DisposeAsync();
    }

    private sealed class ReadRecordingConversationStore(IConversationStore inner, ConcurrentQueue<string> reads) : IConversationStore
    {
        public Task SaveReferenceAsync(ConversationReference reference, CancellationToken cancellationToken = default) =>
            inner.SaveReferenceAsync(reference, cancellationToken);

        public Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
        {
            reads.Enqueue(conversationId);
            return inner.GetAsync(conversationId, cancellationToken);
        }

        public Task<bool> LinkAccountAsync(string conversationId, string accountId, CancellationToken cancellationToken = default) =>
            inner.LinkAccountAsync(conversationId, accountId, cancellationToken);

        public Task<IReadOnlyList<ConversationSummary>> ListRecentAsync(int limit, CancellationToken cancellationToken = default) =>
            inner.ListRecentAsync(limit, cancellationToken);
    }

    /// <summary>A hub context whose every client records (group, method, conversation id) instead of sending.</summary>
    private sealed class RecordingHubContext : IHubContext<AgentHub, IAgentConsoleClient>
    {
        public RecordingHubContext()
        {
            Clients = new RecordingClients(this);
        }

        public ConcurrentQueue<(string Target, string Method, string ConversationId)> Sent { get; } = new();

        public IHubClients<IAgentConsoleClient> Clients { get; }

        public IGroupManager Groups => throw new NotSupportedException("the pushes never change groups");
    }

    private sealed class RecordingClients(RecordingHubContext hub) : IHubClients<IAgentConsoleClient>
    {
        public IAgentConsoleClient All => new Client(hub, "all");

        public IAgentConsoleClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => new Client(hub, "all");

        public IAgentConsoleClient Client(string connectionId) => new Client(hub, connectionId);

        public IAgentConsoleClient Clients(IReadOnlyList<string> connectionIds) => new Client(hub, string.Join(',', connectionIds));

        public IAgentConsoleClient Group(string groupName) => new Client(hub, groupName);

        public IAgentConsoleClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => new Client(hub, groupName);

        public IAgentConsoleClient Groups(IReadOnlyList<string> groupNames) => new Client(hub, string.Join(',', groupNames));

        public IAgentConsoleClient User(string userId) => new Client(hub, userId);

        public IAgentConsoleClient Users(IReadOnlyList<string> userIds) => new Client(hub, string.Join(',', userIds));
    }

    private sealed class Client(RecordingHubContext hub, string target) : IAgentConsoleClient
    {
        public Task ConversationUpdated(ConversationSummaryView conversation) => Record(nameof(ConversationUpdated), conversation.ConversationId);

        public Task TranscriptLine(TranscriptLineEvent line) => Record(nameof(TranscriptLine), line.ConversationId);

        public Task MessageHeld(HeldMessageEvent held) => Record(nameof(MessageHeld), held.ConversationId);

        public Task HeldMessagesChanged(HeldMessagesEvent held) => Record(nameof(HeldMessagesChanged), held.ConversationId);

        public Task VerificationChanged(VerificationEvent verification) => Record(nameof(VerificationChanged), verification.ConversationId);

        private Task Record(string method, string conversationId)
        {
            hub.Sent.Enqueue((target, method, conversationId));
            return Task.CompletedTask;
        }
    }
}
