using System.Diagnostics;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using SupportShield.Middleware.Telemetry;
using SupportShield.Testing;

namespace SupportShield.Middleware.Tests.Telemetry;

[NonParallelizable]
public sealed class ScreeningSpanTests
{
    [Test]
    public async Task HeldReply_SpansCarryTheDecisionAndEntityTypes_NeverTheValues()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SupportShieldTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter("conv-spans");
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) => await ctx.SendActivityAsync("We have 742 Evergreen Terrace, Springfield, OR 97403 on file.", cancellationToken: ct))
            .Send("hello, my email is jane.doe@example.com")
            .AssertNoReply("the reply must be held", 300)
            .StartTestAsync();

        List<Activity> ours;
        lock (spans)
        {
            ours = spans.Where(s => s.GetTagItem("supportshield.decision") is not null).ToList();
        }

        var outgoing = ours.Single(s => s.OperationName == "supportshield.screen.outgoing");
        var incoming = ours.Single(s => s.OperationName == "supportshield.screen.incoming");
        Assert.That(outgoing.GetTagItem("supportshield.decision"), Is.EqualTo("hold"));
        Assert.That((string)outgoing.GetTagItem("supportshield.entity_types")!, Does.Contain("ADDRESS"));
        Assert.That((string)incoming.GetTagItem("supportshield.entity_types")!, Does.Contain("EMAIL"));
        var allTags = string.Join("|", ours.SelectMany(s => s.Tags).Select(t => t.Value));
        Assert.That(allTags, Does.Not.Contain("Evergreen").And.Not.Contain("97403").And.Not.Contain("jane.doe").And.Not.Contain("conv-spans"));
    }
}
