using System.Net.Http.Headers;

namespace SupportShield.Bot.DirectLine;

/// <summary>Who is calling the Direct Line API: the holder of the secret (any conversation) or of a token (one conversation).</summary>
/// <param name="IsSecret">True for the secret.</param>
/// <param name="Token">The token's grant; null for the secret.</param>
public sealed record DirectLineCaller(bool IsSecret, DirectLineToken? Token)
{
    /// <summary>True when the caller may use <paramref name="conversationId"/>.</summary>
    public bool MayUse(string conversationId) =>
        IsSecret || string.Equals(Token?.ConversationId, conversationId, StringComparison.Ordinal);

    /// <summary>
    /// Reads the <c>Authorization: Bearer …</c> header. Null caller with 401 when it is missing or not Bearer, 403 when it
    /// holds neither the secret nor a valid, unexpired token (directlinejs treats 403 as an expired token).
    /// </summary>
    public static (DirectLineCaller? Caller, int Status, string? Error) From(HttpRequest request, DirectLineTokenService tokens)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tokens);
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrWhiteSpace(header.Parameter))
        {
            return (null, StatusCodes.Status401Unauthorized, "An 'Authorization: Bearer SECRET_OR_TOKEN' header is required.");
        }

        if (tokens.IsSecret(header.Parameter))
        {
            return (new DirectLineCaller(true, null), StatusCodes.Status200OK, null);
        }

        var token = tokens.ReadToken(header.Parameter);
        return token is null
            ? (null, StatusCodes.Status403Forbidden, "The token is not valid or has expired.")
            : (new DirectLineCaller(false, token), StatusCodes.Status200OK, null);
    }
}
