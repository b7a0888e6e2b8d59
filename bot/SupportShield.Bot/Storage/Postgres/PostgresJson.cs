using SupportShield.Bot.Storage.Sqlite;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>Lists and reasons in JSON text columns, written exactly as the SQLite provider writes them.</summary>
internal static class PostgresJson
{
    public static string Serialize<T>(T value) => SqliteJson.Serialize(value);

    public static T Deserialize<T>(string json, string what) => SqliteJson.Deserialize<T>(json, what);
}
