using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportShield.Bot.Storage;
using SupportShield.Bot.Storage.Postgres;
using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Bot.Tests.Support;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;
using SupportShield.Testing;

namespace SupportShield.Bot.Tests.Storage.Contracts;

/// <summary>
/// A fresh, empty database of one provider (a SQLite file in a temp folder, or a new database on the assembly's
/// PostgreSQL server) and the stores over it. <see cref="OpenInstance"/> opens another, independent instance on the same
/// data, as a second host would.
/// </summary>
internal sealed class StoreBackend : IAsyncDisposable
{
    private readonly TemporaryFolder? _folder;
    private readonly List<IDisposable> _databases = [];

    private StoreBackend(StorageKind kind, TemporaryFolder? folder, string? connectionString)
    {
        Kind = kind;
        _folder = folder;
        ConnectionString = connectionString;
    }

    public StorageKind Kind { get; }

    /// <summary>The PostgreSQL connection string (null for SQLite).</summary>
    public string? ConnectionString { get; }

    public static async Task<StoreBackend> CreateAsync(StorageKind kind)
    {
        if (kind == StorageKind.Sqlite)
        {
            return new StoreBackend(kind, new TemporaryFolder(), null);
        }

        var server = await PostgresServer.SharedAsync();
        return new StoreBackend(kind, null, await server.CreateDatabaseAsync("store"));
    }

    /// <summary>A new database instance (own connections, own locks) on this backend's data.</summary>
    public StoreInstance OpenInstance(TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        if (Kind == StorageKind.Sqlite)
        {
            var sqlite = _folder!.OpenDatabase(time);
            _databases.Add(sqlite);
            return new StoreInstance(
                sqlite,
                new SqliteConversationStore(sqlite, time),
                new SqliteHeldMessageStore(sqlite),
                new SqliteTranscriptStore(sqlite),
                new SqliteAuditLog(sqlite),
                new SqliteBotStorage(sqlite, time),
                new SqliteDevOutbox(sqlite),
                new SqliteOverrideRequestStore(sqlite),
                new SqliteFalsePositiveStore(sqlite));
        }

        var postgres = new PostgresDatabase(Options.Create(new PostgresStorageOptions { ConnectionString = ConnectionString }), time);
        postgres.Initialize();
        _databases.Add(postgres);
        return new StoreInstance(
            postgres,
            new PostgresConversationStore(postgres, time),
            new PostgresHeldMessageStore(postgres),
            new PostgresTranscriptStore(postgres),
            new PostgresAuditLog(postgres),
            new PostgresBotStorage(postgres, time),
            new PostgresDevOutbox(postgres),
            new PostgresOverrideRequestStore(postgres),
            new PostgresFalsePositiveStore(postgres));
    }

    public ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }

        _folder?.Dispose();
        if (ConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The stores of one database instance.</summary>
internal sealed record StoreInstance(
    IStorageDatabase Database,
    IConversationStore Conversations,
    IHeldMessageStore Held,
    IAgentTranscriptStore Transcripts,
    IAuditChainStore Audit,
    IStorage BotState,
    IDevOutbox DevOutbox,
    IOverrideRequestStore Overrides,
    IFalsePositiveStore FalsePositives);
