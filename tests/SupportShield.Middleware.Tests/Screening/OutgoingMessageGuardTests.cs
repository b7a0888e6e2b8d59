using SupportShield.Middleware.Screening;
using SupportShield.Middleware.Transcripts;

namespace SupportShield.Middleware.Tests.Screening;

public sealed class OutgoingMessageGuardTests
{
    private static TranscriptEntry Line(TranscriptRole role, string text) => new("c", role, text, DateTimeOffset.UnixEpoch);

    [Test]
    public void History_Agent_TakesTheAgentsLastLinesAndTheCustomersLastRealMessage()
    {
        var recent = new[]
        {
            Line(TranscriptRole.Agent, "a1"),
            Line(TranscriptRole.Customer, "is it 742 Evergreen Terrace?"),
            Line(TranscriptRole.Agent, "a2"),
            Line(TranscriptRole.Bot, "b1"),
            Line(TranscriptRole.Agent, "a3"),
            Line(TranscriptRole.Agent, "a4"),
            Line(TranscriptRole.Customer, "[verification code entered]"),
        };

        var history = OutgoingMessageGuard.History(recent, SenderRoles.Agent);

        Assert.That(history.RecentFromSameSender, Is.EqualTo(new[] { "a2", "a3", "a4" }));
        Assert.That(history.PreviousFromCustomer, Is.EqualTo("is it 742 Evergreen Terrace?"));
    }

    [Test]
    public void History_EmptyTranscript_IsEmpty()
    {
        var history = OutgoingMessageGuard.History([], SenderRoles.Bot);

        Assert.That(history.RecentFromSameSender, Is.Empty);
        Assert.That(history.PreviousFromCustomer, Is.Null);
    }
}
