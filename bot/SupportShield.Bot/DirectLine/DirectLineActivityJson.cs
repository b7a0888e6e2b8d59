using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace SupportShield.Bot.DirectLine;

/// <summary>Activities as Direct Line clients receive them (Bot Framework JSON, no nulls, no serviceUrl).</summary>
internal static class DirectLineActivityJson
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.DateTimeOffset,
        MaxDepth = 64,
    });

    /// <summary>The client's view of <paramref name="activity"/>: the serviceUrl (the host's internal address) left out.</summary>
    public static JObject ForClient(Activity activity)
    {
        var json = JObject.FromObject(activity, Serializer);
        json.Remove("serviceUrl");
        return json;
    }

    /// <summary>Parses an activity; the error says what is wrong.</summary>
    public static (Activity? Activity, JObject? Json, string? Error) Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null, "The request body is empty; expected an activity as JSON.");
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
            if (JToken.ReadFrom(reader) is not JObject json)
            {
                return (null, null, "The request body is not a JSON object.");
            }

            var activity = json.ToObject<Activity>(Serializer);
            return activity is null ? (null, null, "The request body is not an activity.") : (activity, json, null);
        }
        catch (JsonException ex)
        {
            return (null, null, $"The request body is not a valid activity: {ex.Message}");
        }
    }

    /// <summary>A JSON body for a response.</summary>
    public static IResult Result(JToken json, int statusCode = StatusCodes.Status200OK) =>
        Results.Text(json.ToString(Formatting.None), "application/json", System.Text.Encoding.UTF8, statusCode);
}
