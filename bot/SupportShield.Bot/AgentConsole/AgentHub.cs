using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace SupportShield.Bot.AgentConsole;

/// <summary>
/// The agent console's live channel at <see cref="Path"/>, for a console session (cookie) of an agent or a supervisor.
/// Every console is in <see cref="ConsolesGroup"/> (list updates); a console that opens a conversation calls
/// <see cref="Watch"/> and joins that conversation's group. Routing uses group names only, never state kept in this
/// process, so a Redis backplane (<c>AddStackExchangeRedis</c>) can carry it across instances. Connections are reported to
/// <see cref="IAgentConsolePresence"/>, so that nothing is pushed while no console is connected.
/// </summary>
[Authorize(Policy = Policy)]
public sealed class AgentHub : Hub<IAgentConsoleClient>
{
    private readonly IAgentConsolePresence _presence;

    public AgentHub(IAgentConsolePresence presence)
    {
        _presence = presence ?? throw new ArgumentNullException(nameof(presence));
    }

    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/agent";

    /// <summary>The authorization policy: a console session with the agent or supervisor role.</summary>
    public const string Policy = "SupportShield.AgentConsole";

    /// <summary>The group every connected console is in.</summary>
    public const string ConsolesGroup = "agent-consoles";

    /// <summary>Longest conversation id accepted.</summary>
    public const int MaxConversationIdLength = 512;

    /// <summary>The group of a conversation's watchers.</summary>
    public static string GroupOf(string conversationId) => "conversation:" + conversationId;

    /// <inheritdoc />
    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, ConsolesGroup).ConfigureAwait(false);
        await base.OnConnectedAsync().ConfigureAwait(false);

        // Counted last: SignalR calls OnDisconnectedAsync only for a connection whose OnConnectedAsync completed.
        _presence.ConsoleConnected();
    }

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        _presence.ConsoleDisconnected();
        await base.OnDisconnectedAsync(exception).ConfigureAwait(false);
    }

    /// <summary>Starts pushing <paramref name="conversationId"/>'s lines, holds, releases and verification changes to this console.</summary>
    public Task Watch(string conversationId) =>
        Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(Checked(conversationId)));

    /// <summary>Stops pushing <paramref name="conversationId"/>'s events to this console.</summary>
    public Task Unwatch(string conversationId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(Checked(conversationId)));

    private static string Checked(string conversationId) =>
        string.IsNullOrWhiteSpace(conversationId) || conversationId.Length > MaxConversationIdLength
            ? throw new HubException($"A conversation id of 1 to {MaxConversationIdLength} characters is required.")
            : conversationId;
}
