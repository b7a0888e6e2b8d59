using System.Text.Json;

namespace SupportShield.Bot.Http;

/// <summary>Reads a JSON request body, turning every kind of bad input into a message that says what is wrong.</summary>
public static class JsonBody
{
    /// <summary>Largest body read, in bytes.</summary>
    public const int MaxBytes = 256 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The body as <typeparamref name="T"/>, or the reason it could not be read.</summary>
    public static async Task<(T? Value, string? Error)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            return (null, $"The request body is larger than {MaxBytes} bytes.");
        }

        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "The request body must be JSON (Content-Type: application/json).");
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, "The request body is empty; expected a JSON object.") : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, $"The request body is not valid JSON for this call: {ex.Message}");
        }
    }
}
