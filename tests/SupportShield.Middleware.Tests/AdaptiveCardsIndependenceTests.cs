using System.Reflection;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using SupportShield.Middleware.Screening;
using SupportShield.Testing;

namespace SupportShield.Middleware.Tests;

/// <summary>
/// Our feed does not serve AdaptiveCards, which Microsoft.Bot.Schema declares as a dependency (build/BotFramework.props).
/// These tests run the Bot Framework paths SupportShield uses and fail if any of them needs that assembly.
/// </summary>
public sealed class AdaptiveCardsIndependenceTests
{
    [Test]
    public void AdaptiveCardsAssembly_IsNotDeployed()
    {
        Assert.That(() => Assembly.Load("AdaptiveCards"), Throws.InstanceOf<FileNotFoundException>());
    }

    [Test]
    public async Task ProjectPaths_RunWithoutAdaptiveCards()
    {
        // Cards as JSON content, typed hero cards, suggested actions, serialisation round trips, TestFlow through the middleware.
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);
        var json = JsonConvert.SerializeObject(MessageFactory.Attachment(new HeroCard { Title = "t", Text = "x" }.ToAttachment()));
        var roundTrip = JsonConvert.DeserializeObject<Activity>(json)!;
        ActivityTextSlots.Collect(roundTrip);

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                await ctx.SendActivityAsync(MessageFactory.SuggestedActions(new List<string> { "Yes", "No" }, "OK?", null, null), ct);
                await ctx.SendActivityAsync(MessageFactory.Attachment(new Attachment("application/vnd.microsoft.card.adaptive", content: Newtonsoft.Json.Linq.JObject.Parse("{\"type\":\"AdaptiveCard\",\"body\":[{\"type\":\"TextBlock\",\"text\":\"Order shipped\"}]}"))), ct);
            })
            .Send("hello")
            .AssertReply("OK?")
            .AssertReply(a => Assert.That(((Activity)a).Attachments, Has.Count.EqualTo(1)))
            .StartTestAsync();

        Assert.That(AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name), Has.None.EqualTo("AdaptiveCards"));
    }
}
