using System.Globalization;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;
using NpgsqlTypes;
using SupportShield.Bot.Storage.ReadScope;
using SupportShield.Bot.Storage.Sqlite;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>
/// Bot Framework state (<see cref="IStorage"/>) in PostgreSQL, shared by every host on the database: dialog state,
/// verification records, disclosure locks and contact changes. Values are Newtonsoft JSON with
/// <see cref="TypeNameHandling.All"/>, restricted to allowed assemblies (<see cref="BotStateSerializationBinder"/>), as in
/// <see cref="SqliteBotStorage"/>. <see cref="IStoreItem.ETag"/> gives optimistic concurrency with Bot Framework's
/// MemoryStorage rules: a write whose ETag is not the stored one throws <see cref="InvalidOperationException"/> and writes
/// nothing, <c>"*"</c> overwrites. The ETag check and the write are one statement
/// (<c>INSERT … ON CONFLICT DO UPDATE … WHERE etag = @expected</c>), so it holds between hosts too: of two hosts that read
/// the same ETag, only the first to write succeeds. A write of several keys is one transaction: all or nothing.
/// Within a <see cref="StorageReadScope"/> a row read or written once is not asked for again (a turn reads its
/// verification state several times); a failed write forgets its rows.
/// </summary>
public sealed class PostgresBotStorage : IStorage
{
    private readonly PostgresDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly JsonSerializerSettings _settings;

    // Rows this store keeps in a read scope are its own, apart from any other store's in the same flow.
    private readonly string _scopeKeyPrefix = $"bot_state:{Guid.NewGuid():N}:";

    public PostgresBotStorage(PostgresDatabase database, TimeProvider timeProvider)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _settings = new JsonSerializerSettings
        {
            TypeNameHandling = TypeNameHandling.All,
            NullValueHandling = NullValueHandling.Include,
            ReferenceLoopHandling = ReferenceLoopHandling.Error,
            SerializationBinder = new BotStateSerializationBinder(),
            MaxDepth = 128,
        };
    }

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var distinct = keys.Distinct(StringComparer.Ordinal).ToArray();
        var items = new Dictionary<string, object>(distinct.Length, StringComparer.Ordinal);
        var scope = StorageReadScope.Current;
        var missing = new List<string>(distinct.Length);
        foreach (var key in distinct)
        {
            if (scope is not null && scope.TryGet<KeptRow>(ScopeKeyOf(key), out var kept))
            {
                AddValue(items, key, kept.Json, kept.ETag);
            }
            else
            {
                missing.Add(key);
            }
        }

        if (missing.Count == 0)
        {
            return items;
        }

        var rows = await _database.ReadAsync<List<(string Key, string Json, string? ETag)>>(
            async (connection, ct) =>
            {
                var read = new List<(string, string, string?)>(missing.Count);
                await using var command = new NpgsqlCommand("SELECT key, json, etag FROM bot_state WHERE key = ANY(@keys);", connection);
                command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = missing.ToArray() });
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    read.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
                }

                return read;
            },
            cancellationToken).ConfigureAwait(false);

        foreach (var (key, json, etag) in rows)
        {
            AddValue(items, key, json, etag);
        }

        if (scope is not null)
        {
            foreach (var key in missing)
            {
                var row = rows.Find(r => string.Equals(r.Key, key, StringComparison.Ordinal));
                scope.Set(ScopeKeyOf(key), row.Key is null ? KeptRow.Absent : new KeptRow(row.Json, row.ETag));
            }
        }

        return items;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        // Serialize before opening a transaction: a value that cannot be stored fails here and nothing is written.
        var rows = changes.Select(change =>
            {
                var requested = BotStateETags.Requested(change.Value);
                return (change.Key, Json: change.Value is null ? null : JsonConvert.SerializeObject(change.Value, _settings), Requested: requested,
                    NewETag: requested.HasETag ? Guid.NewGuid().ToString("N") : null);
            })
            .ToList();
        var now = PostgresTime.ToText(_timeProvider.GetUtcNow());
        var scope = StorageReadScope.Current;
        try
        {
            await _database.WriteAsync(
                async (connection, transaction, ct) =>
                {
                    foreach (var (key, json, requested, newETag) in rows)
                    {
                        await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
                        command.Parameters.AddWithValue("key", key);
                        if (json is null)
                        {
                            command.CommandText = "DELETE FROM bot_state WHERE key = @key;";
                            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                            continue;
                        }

                        var checksETag = requested.HasETag && requested.ETag != "*";
                        command.CommandText = """
                            INSERT INTO bot_state (key, json, etag, updated_at) VALUES (@key, @json, @etag, @now)
                            ON CONFLICT (key) DO UPDATE SET json = excluded.json, etag = excluded.etag, updated_at = excluded.updated_at
                            """
                            + (checksETag ? " WHERE bot_state.etag IS NULL OR bot_state.etag = @expected;" : ";");
                        command.Parameters.AddWithValue("json", json);
                        command.Parameters.Add(new NpgsqlParameter("etag", NpgsqlDbType.Text) { Value = (object?)newETag ?? DBNull.Value });
                        command.Parameters.AddWithValue("now", now);
                        if (checksETag)
                        {
                            command.Parameters.Add(new NpgsqlParameter("expected", NpgsqlDbType.Text) { Value = (object?)requested.ETag ?? DBNull.Value });
                        }

                        if (await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
                        {
                            // Throwing rolls the whole batch back.
                            throw new InvalidOperationException(
                                string.Create(CultureInfo.InvariantCulture, $"Etag conflict on key '{key}': the write carries ETag '{requested.ETag}' but the stored item has another. Nothing was written."));
                        }
                    }

                    return rows.Count;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Another host may have written these rows: the next read in this scope asks the database.
            foreach (var row in rows)
            {
                scope?.Forget(ScopeKeyOf(row.Key));
            }

            throw;
        }

        foreach (var (key, json, _, newETag) in rows)
        {
            scope?.Set(ScopeKeyOf(key), json is null ? KeptRow.Absent : new KeptRow(json, newETag));
        }
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var scope = StorageReadScope.Current;
        try
        {
            await _database.WriteAsync(
                async (connection, transaction, ct) =>
                {
                    await using var command = new NpgsqlCommand("DELETE FROM bot_state WHERE key = ANY(@keys);", connection, transaction);
                    command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys });
                    return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var key in keys)
            {
                scope?.Forget(ScopeKeyOf(key));
            }
        }
    }

    /// <summary>Adds the value stored as <paramref name="json"/> (a fresh object every time) with its ETag, unless it is null.</summary>
    private void AddValue(Dictionary<string, object> items, string key, string? json, string? etag)
    {
        if (json is null)
        {
            return;
        }

        var value = JsonConvert.DeserializeObject<object>(json, _settings);
        if (value is null)
        {
            return;
        }

        BotStateETags.Apply(value, etag);
        items[key] = value;
    }

    private string ScopeKeyOf(string key) => _scopeKeyPrefix + key;


    /// <summary>A row as read or written in the current scope (the JSON kept, never the object handed out).</summary>
    private sealed record KeptRow(string? Json, string? ETag)
    {
        public static readonly KeptRow Absent = new(null, null);
    }
}
