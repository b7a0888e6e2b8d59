using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportShield.Bot.Storage.Sqlite;

/// <summary>The System.Text.Json settings for lists and reasons kept in JSON columns: enums as names so rows stay readable.</summary>
internal static class SqliteJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"The stored {what} is empty.");
}
