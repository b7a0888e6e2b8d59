namespace SupportShield.Bot.Storage;

/// <summary>Where SupportShield keeps its data (<c>SupportShield:Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>One embedded SQLite file (<c>SupportShield:Storage:SqlitePath</c>); the default, for one host.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<c>SupportShield:Storage:Postgres:ConnectionString</c>), shared by any number of hosts.</summary>
    Postgres,
}
