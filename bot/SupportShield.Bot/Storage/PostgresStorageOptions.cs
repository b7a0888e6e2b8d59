namespace SupportShield.Bot.Storage;

/// <summary>The PostgreSQL database used when <c>SupportShield:Storage:Provider</c> is <c>Postgres</c>. Bound from <c>SupportShield:Storage:Postgres</c>.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SupportShield:Storage:Postgres";

    /// <summary>
    /// The Npgsql connection string (<c>SupportShield:Storage:Postgres:ConnectionString</c>), e.g.
    /// <c>Host=db;Database=supportshield;Username=bot;Password=…;SSL Mode=Require</c>. Required with the Postgres provider.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How long one statement may run, or wait for a lock another host holds, before it fails
    /// (<c>SupportShield:Storage:Postgres:CommandTimeoutSeconds</c>). Default 15 seconds; 1 to 300.
    /// </summary>
    public int CommandTimeoutSeconds { get; set; } = 15;
}
