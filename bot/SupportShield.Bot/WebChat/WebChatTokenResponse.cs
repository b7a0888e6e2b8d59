using System.Text.Json.Serialization;

namespace SupportShield.Bot.WebChat;

/// <summary>What the page's token endpoint answers: a Direct Line token for a new conversation and where to use it.</summary>
/// <param name="Token">The conversation token (never the secret).</param>
/// <param name="ConversationId">The conversation it opens.</param>
/// <param name="ExpiresIn">Seconds until it must be refreshed (Web Chat refreshes it).</param>
/// <param name="Domain">The Direct Line domain for <c>createDirectLine</c>, absolute or relative to the page.</param>
public sealed record WebChatTokenResponse(
    string Token,
    string ConversationId,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string Domain);
