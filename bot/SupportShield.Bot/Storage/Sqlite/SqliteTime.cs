using System.Globalization;

namespace SupportShield.Bot.Storage.Sqlite;

/// <summary>How times are written to SQLite: round-trip text keeps the offset a caller gave; UTC ticks sort.</summary>
internal static class SqliteTime
{
    public static string ToText(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset FromText(string text) =>
        DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
