using System.Globalization;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>
/// How times are written to PostgreSQL: round-trip text, exactly as in SQLite, so the audit chain hashes and reads the
/// same whichever the provider; UTC ticks in their own column sort.
/// </summary>
internal static class PostgresTime
{
    public static string ToText(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset FromText(string text) =>
        DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
