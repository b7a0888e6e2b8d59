using SupportShield.Detection.Accounts;

namespace SupportShield.Detection.Engine;

/// <summary>One message to analyse, with what the engine may know about its conversation.</summary>
public sealed record AnalysisRequest
{
    public AnalysisRequest(string text)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
    }

    /// <summary>The message as written.</summary>
    public string Text { get; init; }

    /// <summary>Who wrote it. Customer messages get an intent; others are screened as outgoing.</summary>
    public MessageRole Role { get; init; } = MessageRole.Agent;

    /// <summary>The values on file of the conversation's linked account, when there is one.</summary>
    public AccountValues? Account { get; init; }

    /// <summary>Whether the customer is verified for that account.</summary>
    public bool CustomerVerified { get; init; }

    /// <summary>The same sender's recent messages in this conversation, oldest first (for values split over messages).</summary>
    public IReadOnlyList<string> RecentFromSameSender { get; init; } = [];

    /// <summary>The other party's last message (for "yes, that's the one we have" after a guess).</summary>
    public string? PreviousFromOtherParty { get; init; }
}
