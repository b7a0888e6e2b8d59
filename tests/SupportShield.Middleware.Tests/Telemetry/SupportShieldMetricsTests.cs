using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.Screening;
using SupportShield.Middleware.Telemetry;
using SupportShield.Testing;

namespace SupportShield.Middleware.Tests.Telemetry;

public sealed class SupportShieldMetricsTests
{
    private const string AddressReply = "Sure, we have 742 Evergreen Terrace, Springfield, OR 97403 on file.";

    private static readonly HashSet<string> AllowedTagKeys = ["direction", "sender", "outcome"];
    private static readonly HashSet<string> AllowedTagValues = ["incoming", "outgoing", "customer", "agent", "bot", .. VerificationOutcomes.All];

    [Test]
    public async Task HeldReply_CountsScreenedAndHeld_AndRecordsDurations()
    {
        var harness = new ShieldHarness();
        using var recorder = new MetricRecorder(harness.Metrics.Meter);
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) => await ctx.SendActivityAsync(AddressReply, cancellationToken: ct))
            .Send("hello")
            .AssertNoReply("the reply must be held", 300)
            .StartTestAsync();

        Assert.That(recorder.Sum("supportshield.messages.held"), Is.EqualTo(1));
        Assert.That(recorder.Sum("supportshield.messages.released"), Is.Zero);
        var screened = recorder.Of("supportshield.messages.screened").ToList();
        Assert.That(screened.Select(m => (m.Tags["direction"], m.Tags["sender"])), Is.EquivalentTo(new[] { ("incoming", "customer"), ("outgoing", "bot") }));
        var durations = recorder.Of("supportshield.middleware.duration").ToList();
        Assert.That(durations.Select(m => m.Tags["direction"]), Is.EquivalentTo(new[] { "incoming", "outgoing" }));
        Assert.That(durations.Select(m => m.Value), Is.All.GreaterThanOrEqualTo(0));
        AssertFixedVocabulary(recorder);
    }

    [Test]
    public async Task AgentReplyHeld_IsTaggedAgent()
    {
        var harness = new ShieldHarness();
        using var recorder = new MetricRecorder(harness.Metrics.Meter);
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                ScreeningTurnState.For(ctx).SenderRole = SenderRoles.Agent;
                await ctx.SendActivityAsync(AddressReply, cancellationToken: ct);
            })
            .Send("hello")
            .AssertNoReply("the reply must be held", 300)
            .StartTestAsync();

        Assert.That(recorder.Of("supportshield.messages.held").Single().Tags["sender"], Is.EqualTo("agent"));
        Assert.That(recorder.Of("supportshield.messages.screened").Where(m => m.Tags["direction"] == "outgoing").Single().Tags["sender"], Is.EqualTo("agent"));
    }

    [Test]
    public async Task RightCodeAfterHold_CountsStartedSucceededAndReleased()
    {
        var harness = new ShieldHarness();
        using var recorder = new MetricRecorder(harness.Metrics.Meter);
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                if (ctx.Activity.Text!.StartsWith("what", StringComparison.Ordinal))
                {
                    await ctx.SendActivityAsync(AddressReply, cancellationToken: ct);
                }
            })
            .Send("what address do you have for me?")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .Send("12345678")
            .AssertReply(VerificationMessages.Verified)
            .AssertReply(AddressReply)
            .StartTestAsync();

        Assert.That(recorder.Sum("supportshield.messages.held"), Is.EqualTo(1));
        Assert.That(recorder.Sum("supportshield.messages.released"), Is.EqualTo(1));
        var outcomes = recorder.Of("supportshield.verifications").Select(m => m.Tags["outcome"]).ToList();
        Assert.That(outcomes, Is.EquivalentTo(new[] { "started", "succeeded" }));
        AssertFixedVocabulary(recorder);
    }

    [Test]
    public async Task WrongCode_CountsFailed()
    {
        var harness = new ShieldHarness();
        using var recorder = new MetricRecorder(harness.Metrics.Meter);
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, (_, _) => Task.CompletedTask)
            .Send("what address do you have for me?")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .Send("99999999")
            .AssertReply(_ => { })
            .StartTestAsync();

        Assert.That(recorder.Of("supportshield.verifications").Select(m => m.Tags["outcome"]), Is.EquivalentTo(new[] { "started", "failed" }));
    }

    [Test]
    public async Task OutgoingDuration_LeavesOutTheTimeTheAdapterTakesToSend()
    {
        var harness = new ShieldHarness();
        using var recorder = new MetricRecorder(harness.Metrics.Meter);
        var adapter = harness.CreateAdapter();
        // The channel takes a (fake) minute to accept the send: that is not time SupportShield adds.
        adapter.Use(new SlowSendMiddleware(harness));

        await new TestFlow(adapter, async (ctx, ct) => await ctx.SendActivityAsync("Happy to help with your return.", cancellationToken: ct))
            .Send("hello")
            .AssertReply("Happy to help with your return.")
            .StartTestAsync();

        var outgoing = recorder.Of("supportshield.middleware.duration").Single(m => m.Tags["direction"] == "outgoing");
        Assert.That(outgoing.Value, Is.LessThan(TimeSpan.FromMinutes(1).TotalMilliseconds));
        Assert.That(recorder.Sum("supportshield.messages.screened"), Is.EqualTo(2));
    }

    [Test]
    public void Verification_UnknownOutcome_IsRefused()
    {
        using var metrics = new SupportShieldMetrics();
        Assert.That(() => metrics.Verification("jane.doe@example.com"), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    private static void AssertFixedVocabulary(MetricRecorder recorder)
    {
        foreach (var (_, _, tags) in recorder.Measurements)
        {
            Assert.That(tags.Keys, Is.SubsetOf(AllowedTagKeys));
            Assert.That(tags.Values, Is.SubsetOf(AllowedTagValues));
        }
    }

    /// <summary>Advances the fake clock while the activities are "sent", below SupportShield in the pipeline.</summary>
    private sealed class SlowSendMiddleware(ShieldHarness harness) : Microsoft.Bot.Builder.IMiddleware
    {
        public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
        {
            turnContext.OnSendActivities(async (_, _, send) =>
            {
                harness.Time.Advance(TimeSpan.FromMinutes(1));
                return await send();
            });
            return next(cancellationToken);
        }
    }
}
