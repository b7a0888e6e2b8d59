namespace SupportShield.Middleware.Screening;

/// <summary>One piece of text in an activity that reaches the customer (text, speak, a card's string, a button title), with a way to rewrite it.</summary>
public sealed class TextSlot
{
    private readonly Action<string> _set;

    public TextSlot(string name, string value, Action<string> set)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Value = value ?? throw new ArgumentNullException(nameof(value));
        _set = set ?? throw new ArgumentNullException(nameof(set));
    }

    /// <summary>Where the text sits, for example <c>text</c>, <c>attachments[0].body[1].text</c>, <c>suggestedActions[2].title</c>.</summary>
    public string Name { get; }

    /// <summary>The text as it is now.</summary>
    public string Value { get; private set; }

    /// <summary>Replaces the text in the activity.</summary>
    public void Rewrite(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _set(value);
        Value = value;
    }
}
