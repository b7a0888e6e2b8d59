using System.Text.Json.Serialization;

namespace SupportShield.Bot.WebChat;

/// <summary>Azure Direct Line's answer to <c>POST /tokens/generate</c>.</summary>
internal sealed record AzureDirectLineToken(
    [property: JsonPropertyName("conversationId")] string? ConversationId,
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
