using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using SupportShield.Middleware.Screening;

namespace SupportShield.Middleware.Tests.Screening;

public sealed class ActivityTextSlotsTests
{
    [Test]
    public void Collect_EveryVisibleText_IsASlot()
    {
        var activity = (Activity)MessageFactory.SuggestedActions(new List<string> { "Ship to home" }, "text part", "speak part", null);
        activity.Summary = "summary part";
        activity.Attachments = new List<Attachment>
        {
            new("text/plain", content: "plain attachment"),
            new("application/vnd.microsoft.card.adaptive", content: JObject.Parse("{\"body\":[{\"type\":\"TextBlock\",\"text\":\"card text\"}]}")),
            new HeroCard { Title = "hero title", Buttons = [new CardAction(ActionTypes.ImBack, "button title", value: "button value")] }.ToAttachment(),
        };

        var slots = ActivityTextSlots.Collect(activity).Select(s => s.Value).ToList();

        Assert.That(slots, Is.SupersetOf(new[]
        {
            "text part", "speak part", "summary part", "Ship to home", "plain attachment", "card text", "hero title", "button title", "button value",
        }));
    }

    [Test]
    public void Rewrite_CardJsonAndAction_ChangesTheActivityItself()
    {
        var activity = (Activity)MessageFactory.SuggestedActions(new List<string> { "secret button" }, "hi", null, null);
        activity.Attachments = new List<Attachment> { new HeroCard { Text = "secret card" }.ToAttachment() };

        foreach (var slot in ActivityTextSlots.Collect(activity).Where(s => s.Value.StartsWith("secret", StringComparison.Ordinal)))
        {
            slot.Rewrite("[gone]");
        }

        Assert.That(activity.SuggestedActions.Actions[0].Title, Is.EqualTo("[gone]"));
        Assert.That(((JObject)activity.Attachments[0].Content)["text"]!.Value<string>(), Is.EqualTo("[gone]"));
    }

    [Test]
    public void Collect_ActivityWithoutText_HasNoSlots() =>
        Assert.That(ActivityTextSlots.Collect(new Activity(ActivityTypes.Typing)), Is.Empty);
}
