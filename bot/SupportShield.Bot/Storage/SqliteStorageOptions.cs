namespace SupportShield.Bot.Storage;

/// <summary>Where and how SupportShield keeps its data. Bound from <c>SupportShield:Storage</c>.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SupportShield:Storage";

    /// <summary>The default database file, relative to the current directory.</summary>
    public const string DefaultSqlitePath = "./data/supportshield.db";

    /// <summary>
    /// The SQLite database file (<c>SupportShield:Storage:SqlitePath</c>). Default <c>./data/supportshield.db</c>;
    /// a relative path is resolved against the current directory. Its directory is created when missing.
    /// </summary>
    public string SqlitePath { get; set; } = DefaultSqlitePath;

    /// <summary>
    /// How long an operation waits for a lock held by another connection or process before failing
    /// (<c>SupportShield:Storage:BusyTimeoutSeconds</c>). Default 5 seconds; 1 to 300.
    /// </summary>
    public int BusyTimeoutSeconds { get; set; } = 5;
}
