using System.Text;
using System.Text.Json;

namespace SupportShield.Bot.OpsConsole;

/// <summary>Reads request bodies up to a size limit (counted on the bytes actually read, not only Content-Length).</summary>
public static class LimitedBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The body as text, or a 413 result when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<(string? Text, IResult? Problem)> ReadTextAsync(HttpRequest request, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, BadRequest("The request body is not valid UTF-8."));
        }
    }

    /// <summary>The body as JSON <typeparamref name="T"/>, or a 400/413 result saying what is wrong.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request, int maxBytes)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request))
        {
            return (null, BadRequest("The request body must be JSON (Content-Type: application/json)."));
        }

        var (text, problem) = await ReadTextAsync(request, maxBytes).ConfigureAwait(false);
        if (text is null)
        {
            return (null, problem);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(text, Options);
            return value is null ? (null, BadRequest("The request body is empty; expected a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, BadRequest($"The request body is not valid JSON for this call (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }
    }

    /// <summary>Whether the request says its body is JSON.</summary>
    public static bool IsJson(HttpRequest request) =>
        request?.ContentType is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>A 400 with <paramref name="message"/>.</summary>
    public static IResult BadRequest(string message) => Results.Json(new { error = message }, statusCode: StatusCodes.Status400BadRequest);

    private static IResult TooLarge(int maxBytes) =>
        Results.Json(new { error = $"The request body is larger than {maxBytes / 1024} KB." }, statusCode: StatusCodes.Status413PayloadTooLarge);
}
