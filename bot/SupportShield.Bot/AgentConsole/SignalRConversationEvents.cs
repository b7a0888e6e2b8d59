using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using SupportShield.Bot.AgentConsole.Events;
using SupportShield.Bot.Agents;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;

namespace SupportShield.Bot.AgentConsole;

/// <summary>
/// Pushes conversation events to the agent consoles through <see cref="AgentHub"/>: to the conversation's group, and a
/// list update to every console. What is pushed is built by <see cref="AgentConversationViews"/>, as the agent API shows it
/// (customer lines masked). A push that fails is logged (its exception type only) and dropped: the console catches up on
/// its next load. Pushes run on a background writer, in order, off the turn that caused them: a turn never waits for the
/// consoles, and under load the list updates of one conversation are coalesced into one.
/// While <see cref="IAgentConsolePresence"/> says that no console is connected (to any instance, with Redis), nothing is
/// queued and queued pushes are dropped unbuilt: building a push reads the database, several queries a turn, for nobody.
/// Nothing is lost by it: a console that connects loads the conversation list, and the conversation it opens, over HTTP.
/// </summary>
public sealed partial class SignalRConversationEvents : IConversationEvents, IDisposable
{
    /// <summary>Pushes waiting at most; beyond that the oldest are dropped (the consoles catch up on their next load).</summary>
    public const int MaxQueuedPushes = 10_000;

    private readonly Channel<(string What, string ConversationId, Func<Task> Push)> _queue =
        Channel.CreateBounded<(string, string, Func<Task>)>(new BoundedChannelOptions(MaxQueuedPushes) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    private readonly ConcurrentDictionary<string, byte> _summaryPending = new(StringComparer.Ordinal);
    private Task? _writer;
    private readonly IHubContext<AgentHub, IAgentConsoleClient> _hub;
    private readonly IServiceProvider _services;
    private readonly IAgentConsolePresence _presence;
    private readonly TimeProvider _time;
    private readonly ILogger<SignalRConversationEvents> _logger;

    // The views read the stores that report to this class (decorated with it), so they are resolved on first use.
    private AgentConversationViews? _views;

    public SignalRConversationEvents(
        IHubContext<AgentHub, IAgentConsoleClient> hub,
        IServiceProvider services,
        IAgentConsolePresence presence,
        TimeProvider time,
        ILogger<SignalRConversationEvents> logger)
    {
        _hub = hub ?? throw new ArgumentNullException(nameof(hub));
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _presence = presence ?? throw new ArgumentNullException(nameof(presence));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    private AgentConversationViews Views => _views ??= _services.GetRequiredService<AgentConversationViews>();

    /// <inheritdoc />
    public Task TranscriptLineAddedAsync(TranscriptEntry line, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        return SafelyAsync(nameof(TranscriptLineAddedAsync), line.ConversationId, async () =>
        {
            var view = await Views.LineAsync(line, CancellationToken.None).ConfigureAwait(false);
            await _hub.Clients.Group(AgentHub.GroupOf(line.ConversationId))
                .TranscriptLine(new TranscriptLineEvent(line.ConversationId, view.Role, view.Text, view.Time)).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task MessageHeldAsync(HeldMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SafelyAsync(nameof(MessageHeldAsync), message.ConversationId, async () =>
        {
            var item = await Views.HeldItemAsync(message, [], CancellationToken.None).ConfigureAwait(false);
            await _hub.Clients.Group(AgentHub.GroupOf(message.ConversationId)).MessageHeld(new HeldMessageEvent(message.ConversationId, item)).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task HeldMessagesChangedAsync(string conversationId, CancellationToken cancellationToken = default) =>
        SafelyAsync(nameof(HeldMessagesChangedAsync), conversationId, async () =>
        {
            var items = await Views.HeldItemsAsync(conversationId, CancellationToken.None).ConfigureAwait(false);
            await _hub.Clients.Group(AgentHub.GroupOf(conversationId)).HeldMessagesChanged(new HeldMessagesEvent(conversationId, items)).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task VerificationChangedAsync(string conversationId, CancellationToken cancellationToken = default) =>
        SafelyAsync(nameof(VerificationChangedAsync), conversationId, async () =>
        {
            var record = await _services.GetRequiredService<IConversationStore>().GetAsync(conversationId, CancellationToken.None).ConfigureAwait(false);
            if (record is not null)
            {
                var state = await Views.VerificationAsync(record, CancellationToken.None).ConfigureAwait(false);
                await _hub.Clients.Group(AgentHub.GroupOf(conversationId)).VerificationChanged(new VerificationEvent(conversationId, record.AccountId, state)).ConfigureAwait(false);
            }
        }, cancellationToken);

    public void Dispose() => _queue.Writer.TryComplete();

    /// <summary>
    /// Queues one push, then a list update of the conversation for every console (one per conversation while queued), unless
    /// no console is connected; never throws.
    /// </summary>
    private Task SafelyAsync(string what, string conversationId, Func<Task> push, CancellationToken cancellationToken)
    {
        _ = cancellationToken; // The push outlives the turn that caused it.
        if (!_presence.AnyConsoleConnected)
        {
            return Task.CompletedTask;
        }

        EnsureWriter();
        _queue.Writer.TryWrite((what, conversationId, push));
        if (_summaryPending.TryAdd(conversationId, 0))
        {
            _queue.Writer.TryWrite(("ConversationUpdated", conversationId, async () =>
            {
                _summaryPending.TryRemove(conversationId, out _);
                var summary = await Views.SummaryAsync(conversationId, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                if (summary is not null)
                {
                    await _hub.Clients.Group(AgentHub.ConsolesGroup).ConversationUpdated(summary).ConfigureAwait(false);
                }
            }));
        }

        return Task.CompletedTask;
    }

    private void EnsureWriter()
    {
        if (_writer is null)
        {
            lock (_queue)
            {
                _writer ??= Task.Run(WriteLoopAsync);
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var item))
            {
                if (!_presence.AnyConsoleConnected)
                {
                    // Every console left while this waited: a console that connects again loads what it missed.
                    if (item.What == "ConversationUpdated")
                    {
                        _summaryPending.TryRemove(item.ConversationId, out _);
                    }

                    continue;
                }

                try
                {
                    await item.Push().ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A console update is best effort: the writer goes on with the next.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    if (item.What == "ConversationUpdated")
                    {
                        _summaryPending.TryRemove(item.ConversationId, out _);
                    }

                    LogPushFailed(_logger, item.What, ex.GetType().Name);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent console push {What} failed: {ExceptionType}")]
    private static partial void LogPushFailed(ILogger logger, string what, string exceptionType);
}
