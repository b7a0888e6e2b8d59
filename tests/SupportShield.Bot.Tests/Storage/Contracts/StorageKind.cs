namespace SupportShield.Bot.Tests.Storage.Contracts;

/// <summary>The storage providers the contract tests run against.</summary>
public enum StorageKind
{
    Sqlite,
    Postgres,
}
