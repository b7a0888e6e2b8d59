using System.Globalization;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace SupportShield.Bot.Storage.Sqlite;

/// <summary>
/// Bot Framework state (<see cref="IStorage"/>) in SQLite, so dialog and user state survive a restart.
/// Values are Newtonsoft JSON with <see cref="TypeNameHandling.All"/>, so reads return objects of the types written;
/// only types from allowed assemblies are ever instantiated (<see cref="BotStateSerializationBinder"/>).
/// <see cref="IStoreItem.ETag"/> gives optimistic concurrency as in Bot Framework's MemoryStorage: a write whose
/// ETag is not the stored one throws, <c>"*"</c> overwrites. A write of several keys is one transaction: all or nothing.
/// </summary>
public sealed class SqliteBotStorage : IStorage
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly JsonSerializerSettings _settings;

    public SqliteBotStorage(SqliteDatabase database, TimeProvider timeProvider)
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

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return _database.ReadAsync<IDictionary<string, object>>(
            async (connection, ct) =>
            {
                var items = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
                foreach (var key in keys.Distinct(StringComparer.Ordinal))
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT json, etag FROM bot_state WHERE key = $key;";
                    command.Parameters.AddWithValue("$key", key);
                    await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        continue;
                    }

                    var value = JsonConvert.DeserializeObject<object>(reader.GetString(0), _settings);
                    if (value is null)
                    {
                        continue;
                    }

                    BotStateETags.Apply(value, reader.IsDBNull(1) ? null : reader.GetString(1));

                    items[key] = value;
                }

                return items;
            },
            cancellationToken);
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Serialize before taking the write lock: a value that cannot be stored fails here and nothing is written.
        var rows = changes.Select(change => (change.Key, Json: change.Value is null ? null : JsonConvert.SerializeObject(change.Value, _settings), NewETag: BotStateETags.Requested(change.Value)))
            .ToList();
        var now = SqliteTime.ToText(_timeProvider.GetUtcNow());
        return _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                foreach (var (key, json, requested) in rows)
                {
                    string? stored;
                    await using (var select = connection.CreateCommand())
                    {
                        select.Transaction = transaction;
                        select.CommandText = "SELECT etag FROM bot_state WHERE key = $key;";
                        select.Parameters.AddWithValue("$key", key);
                        stored = await select.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
                    }

                    if (requested.HasETag && stored is not null && requested.ETag != "*" && requested.ETag != stored)
                    {
                        throw new InvalidOperationException(
                            string.Create(CultureInfo.InvariantCulture, $"Etag conflict on key '{key}': the write carries ETag '{requested.ETag}' but the stored item has '{stored}'. Nothing was written."));
                    }

                    await using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    if (json is null)
                    {
                        command.CommandText = "DELETE FROM bot_state WHERE key = $key;";
                        command.Parameters.AddWithValue("$key", key);
                    }
                    else
                    {
                        command.CommandText = """
                            INSERT INTO bot_state (key, json, etag, updated_at) VALUES ($key, $json, $etag, $now)
                            ON CONFLICT (key) DO UPDATE SET json = excluded.json, etag = excluded.etag, updated_at = excluded.updated_at;
                            """;
                        command.Parameters.AddWithValue("$key", key);
                        command.Parameters.AddWithValue("$json", json);
                        command.Parameters.AddWithValue("$etag", requested.HasETag ? Guid.NewGuid().ToString("N") : DBNull.Value);
                        command.Parameters.AddWithValue("$now", now);
                    }

                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                return rows.Count;
            },
            cancellationToken);
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                foreach (var key in keys)
                {
                    await using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = "DELETE FROM bot_state WHERE key = $key;";
                    command.Parameters.AddWithValue("$key", key);
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                return keys.Length;
            },
            cancellationToken);
    }

}
