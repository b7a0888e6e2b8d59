using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using SupportShield.Bot.AgentConsole;

namespace SupportShield.Bot.Tests.AgentConsole;

/// <summary>The hub reports its connections to the presence tracker, and only those that completed connecting.</summary>
public sealed class AgentHubTests
{
    [Test]
    public async Task ConsolesConnectAndDisconnect_PresenceFollows()
    {
        var presence = new AgentConsolePresence();
        var groups = new RecordingGroups();

        await Hub(presence, groups, "c1").OnConnectedAsync();
        await Hub(presence, groups, "c2").OnConnectedAsync();
        Assert.That(presence.ConnectedHere, Is.EqualTo(2));
        Assert.That(groups.Added, Is.EquivalentTo(new[] { ("c1", AgentHub.ConsolesGroup), ("c2", AgentHub.ConsolesGroup) }));

        // SignalR calls OnDisconnectedAsync on another hub instance than OnConnectedAsync.
        await Hub(presence, groups, "c1").OnDisconnectedAsync(null);
        Assert.That(presence.AnyConsoleConnected, Is.True);
        await Hub(presence, groups, "c2").OnDisconnectedAsync(new IOException("connection lost"));
        Assert.That(presence.AnyConsoleConnected, Is.False);
    }

    [Test]
    public void ConnectFailsBeforeItCompletes_IsNotCounted()
    {
        // SignalR does not call OnDisconnectedAsync for such a connection: counting it would keep pushes on for good.
        var presence = new AgentConsolePresence();
        var groups = new RecordingGroups { Fail = true };

        Assert.ThrowsAsync<InvalidOperationException>(() => Hub(presence, groups, "c1").OnConnectedAsync());

        Assert.That(presence.AnyConsoleConnected, Is.False);
    }

    private static AgentHub Hub(IAgentConsolePresence presence, IGroupManager groups, string connectionId) =>
        new(presence) { Context = new Caller(connectionId), Groups = groups };

    private sealed class RecordingGroups : IGroupManager
    {
        public List<(string ConnectionId, string Group)> Added { get; } = [];

        public bool Fail { get; init; }

        public Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
        {
            if (Fail)
            {
                throw new InvalidOperationException("the backplane is away");
            }

            Added.Add((connectionId, groupName));
            return Task.CompletedTask;
        }

        public Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private sealed class Caller(string connectionId) : HubCallerContext
    {
        public override string ConnectionId => connectionId;

        public override string? UserIdentifier => null;

        public override ClaimsPrincipal? User => null;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }
    }
}
