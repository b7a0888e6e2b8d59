using Microsoft.Bot.Builder.Adapters;
using SupportShield.Middleware.AccountProtection;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Screening;
using SupportShield.Testing;

namespace SupportShield.Middleware.Tests.HeldMessages;

public sealed class OverrideReleaseTests
{
    private const string AddressReply = "Sure, we have 742 Evergreen Terrace, Springfield, OR 97403 on file.";

    [Test]
    public async Task ReleaseWithOverride_DeliversThatMessageOnly_LaterSendsInTheTurnAreStillHeld()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);
        var releaser = new HeldMessageReleaser(harness.Held);
        ScreeningOutcome? released = null;
        ScreeningOutcome? later = null;

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                if (ctx.Activity.Text == "hold")
                {
                    await ctx.SendActivityAsync(AddressReply, cancellationToken: ct);
                    await ctx.SendActivityAsync("Card 4111 1111 1111 1111 is the one at 742 Evergreen Terrace.", cancellationToken: ct);
                }
                else
                {
                    var held = await harness.Held.ListHeldAsync("conv-1", ct);
                    var state = ScreeningTurnState.For(ctx);
                    released = await releaser.ReleaseWithOverrideAsync(ctx, held[1].MessageId, new OverrideApproval("override-1", "sup-1"), ct);
                    await ctx.SendActivityAsync(AddressReply, cancellationToken: ct);
                    later = state.Outcomes[^1];
                }
            })
            .Send("hold")
            .Send("approve")
            .AssertReply(a => Assert.That(a.AsMessageActivity().Text, Does.Contain("Evergreen").And.Not.Contain("4111 1111 1111 1111")))
            .StartTestAsync();

        Assert.That(released!.Status, Is.EqualTo(DeliveryStatus.Redacted));
        Assert.That(later!.Status, Is.EqualTo(DeliveryStatus.Held));
        Assert.That(await harness.Held.ListHeldAsync("conv-1"), Has.Count.EqualTo(2), "the first held message and the later send");
        var audit = harness.Audit.All.Single(r => r.Action == OverrideApproval.ReleasedAction);
        Assert.That(audit.Actor, Is.EqualTo("sup-1"));
        Assert.That(audit.RuleIds, Does.Contain("override-request:override-1"));
        Assert.That(audit.MaskedPreview, Does.Not.Contain("4111"));
    }

    [Test]
    public async Task ReleaseWithOverride_WhileTheOwnerLockedDisclosure_GoesBackToWaiting_OnceAndAudited()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);
        var releaser = new HeldMessageReleaser(harness.Held);
        ScreeningOutcome? attempt = null;

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                if (ctx.Activity.Text == "hold")
                {
                    await ctx.SendActivityAsync(AddressReply, cancellationToken: ct);
                }
                else
                {
                    // The supervisor's approval stands in for verification; the account holder's own lock still wins.
                    await harness.Locks.LockAsync(ShieldHarness.Jane.Id, DisclosureLockReason.OwnerReport, harness.Time.GetUtcNow(), null, ct);
                    var held = await harness.Held.ListHeldAsync("conv-1", ct);
                    attempt = await releaser.ReleaseWithOverrideAsync(ctx, held[0].MessageId, new OverrideApproval("override-1", "sup-1"), ct);
                }
            })
            .Send("hold")
            .Send("approve")
            .AssertNoReply("nothing reaches the customer", 100)
            .StartTestAsync();

        var stillHeld = await harness.Held.ListHeldAsync("conv-1");
        Assert.That(attempt!.Status, Is.EqualTo(DeliveryStatus.Held));
        Assert.That(stillHeld.Select(m => m.MessageId), Is.EqualTo(new[] { attempt.MessageId }), "the same message waits again; nothing new is held");
        Assert.That(harness.Audit.All.Count(r => r.Action == "held" && r.MessageId == attempt.MessageId), Is.EqualTo(2), "held when sent, held again at the release");
    }

    [Test]
    public async Task ReleaseWithOverride_UnknownOrAlreadyReleasedMessage_ReturnsNullAndSendsNothing()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);
        var releaser = new HeldMessageReleaser(harness.Held);
        ScreeningOutcome? unknown = new("x", DeliveryStatus.Delivered, null, []);

        await new TestFlow(adapter, async (ctx, ct) =>
                unknown = await releaser.ReleaseWithOverrideAsync(ctx, "held-none", new OverrideApproval("override-1", "sup-1"), ct))
            .Send("approve")
            .AssertNoReply("nothing to release", 100)
            .StartTestAsync();

        Assert.That(unknown, Is.Null);
    }
}
