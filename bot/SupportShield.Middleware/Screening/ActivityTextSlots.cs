using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace SupportShield.Middleware.Screening;

/// <summary>
/// Finds every text of an activity that a customer can see or hear: <c>text</c>, <c>speak</c>, <c>summary</c>,
/// attachment content that is text or card JSON, and suggested actions. Typed card objects are turned into JSON
/// in place so that their strings can be rewritten; AdaptiveCards types are never touched.
/// </summary>
public static class ActivityTextSlots
{
    /// <summary>The activity's text slots, in a stable order.</summary>
    public static IReadOnlyList<TextSlot> Collect(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var slots = new List<TextSlot>();
        if (!string.IsNullOrEmpty(activity.Text))
        {
            slots.Add(new TextSlot("text", activity.Text, v => activity.Text = v));
        }

        if (!string.IsNullOrEmpty(activity.Speak))
        {
            slots.Add(new TextSlot("speak", activity.Speak, v => activity.Speak = v));
        }

        if (!string.IsNullOrEmpty(activity.Summary))
        {
            slots.Add(new TextSlot("summary", activity.Summary, v => activity.Summary = v));
        }

        if (activity.Attachments is { } attachments)
        {
            for (var i = 0; i < attachments.Count; i++)
            {
                CollectAttachment(attachments[i], $"attachments[{i}]", slots);
            }
        }

        if (activity.SuggestedActions?.Actions is { } actions)
        {
            for (var i = 0; i < actions.Count; i++)
            {
                CollectAction(actions[i], $"suggestedActions[{i}]", slots);
            }
        }

        return slots;
    }

    private static void CollectAttachment(Attachment attachment, string path, List<TextSlot> slots)
    {
        if (attachment is null)
        {
            return;
        }

        if (!string.IsNullOrEmpty(attachment.Name))
        {
            slots.Add(new TextSlot(path + ".name", attachment.Name, v => attachment.Name = v));
        }

        switch (attachment.Content)
        {
            case null:
                return;
            case string text:
                slots.Add(new TextSlot(path + ".content", text, v => attachment.Content = v));
                return;
            case JToken token:
                CollectJson(token, path + ".content", slots);
                return;
            default:
                // A typed card (HeroCard, ThumbnailCard, ...): screen and rewrite it as the JSON the channel receives.
                var json = JToken.FromObject(attachment.Content);
                attachment.Content = json;
                CollectJson(json, path + ".content", slots);
                return;
        }
    }

    private static void CollectJson(JToken token, string path, List<TextSlot> slots)
    {
        switch (token)
        {
            case JValue { Type: JTokenType.String } value when value.Value is string text && text.Length > 0:
                slots.Add(new TextSlot(path, text, v => value.Value = v));
                break;
            case JObject obj:
                foreach (var property in obj.Properties())
                {
                    CollectJson(property.Value, $"{path}.{property.Name}", slots);
                }

                break;
            case JArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CollectJson(array[i], $"{path}[{i}]", slots);
                }

                break;
        }
    }

    private static void CollectAction(CardAction action, string path, List<TextSlot> slots)
    {
        if (action is null)
        {
            return;
        }

        if (!string.IsNullOrEmpty(action.Title))
        {
            slots.Add(new TextSlot(path + ".title", action.Title, v => action.Title = v));
        }

        if (!string.IsNullOrEmpty(action.Text))
        {
            slots.Add(new TextSlot(path + ".text", action.Text, v => action.Text = v));
        }

        if (!string.IsNullOrEmpty(action.DisplayText))
        {
            slots.Add(new TextSlot(path + ".displayText", action.DisplayText, v => action.DisplayText = v));
        }

        switch (action.Value)
        {
            case string text when text.Length > 0:
                slots.Add(new TextSlot(path + ".value", text, v => action.Value = v));
                break;
            case JToken token:
                CollectJson(token, path + ".value", slots);
                break;
        }
    }
}
