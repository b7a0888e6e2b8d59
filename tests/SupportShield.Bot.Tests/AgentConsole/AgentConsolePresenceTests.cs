using SupportShield.Bot.AgentConsole;

namespace SupportShield.Bot.Tests.AgentConsole;

public sealed class AgentConsolePresenceTests
{
    [Test]
    public void NothingConnected_NoConsole()
    {
        var presence = new AgentConsolePresence();

        Assert.That(presence.AnyConsoleConnected, Is.False);
        Assert.That(presence.ConnectedHere, Is.Zero);
    }

    [Test]
    public void TwoConnectOneLeaves_StillPresent_BothLeave_NoConsole()
    {
        var presence = new AgentConsolePresence();
        presence.ConsoleConnected();
        presence.ConsoleConnected();

        presence.ConsoleDisconnected();
        Assert.That(presence.AnyConsoleConnected, Is.True);
        Assert.That(presence.ConnectedHere, Is.EqualTo(1));

        presence.ConsoleDisconnected();
        Assert.That(presence.AnyConsoleConnected, Is.False);
    }

    [Test]
    public void DisconnectReportedMoreOftenThanConnect_NeverGoesBelowZero_SoTheNextConsoleCounts()
    {
        var presence = new AgentConsolePresence();
        presence.ConsoleDisconnected();
        presence.ConsoleDisconnected();

        presence.ConsoleConnected();

        Assert.That(presence.ConnectedHere, Is.EqualTo(1));
        Assert.That(presence.AnyConsoleConnected, Is.True);
    }

    [Test]
    public async Task ManyConnectAndDisconnectAtOnce_CountEndsAtZero()
    {
        var presence = new AgentConsolePresence();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                presence.ConsoleConnected();
                presence.ConsoleDisconnected();
            }
        })));

        Assert.That(presence.ConnectedHere, Is.Zero);
    }
}
