using System.Globalization;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;
using NpgsqlTypes;
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
/// </summary>
public sealed class PostgresBotStorage : IStorage
{
    private const string ETagProperty = "ETag";

    private readonly PostgresDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly JsonSerializerSettings _settings;

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

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var distinct = keys.Distinct(StringComparer.Ordinal).ToArray();
        return _database.ReadAsync<IDictionary<string, object>>(
            async (connection, ct) =>
            {
                var items = new Dictionary<string, object>(distinct.Length, StringComparer.Ordinal);
                if (distinct.Length == 0)
                {
                    return items;
                }

                await using var command = new NpgsqlCommand("SELECT key, json, etag FROM bot_state WHERE key = ANY(@keys);", connection);
                command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = distinct });
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var value = JsonConvert.DeserializeObject<object>(reader.GetString(1), _settings);
                    if (value is null)
                    {
                        continue;
                    }

                    var etag = reader.IsDBNull(2) ? null : reader.GetString(2);
                    if (etag is not null)
                    {
                        // The ETag lives in its own column, so it survives types that name the property differently.
                        switch (value)
                        {
                            case IStoreItem storeItem:
                                storeItem.ETag = etag;
                                break;
                            case JObject jObject:
                                jObject[ETagProperty] = etag;
                                break;
                        }
                    }

                    items[reader.GetString(0)] = value;
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

        // Serialize before opening a transaction: a value that cannot be stored fails here and nothing is written.
        var rows = changes.Select(change => (change.Key, Json: change.Value is null ? null : JsonConvert.SerializeObject(change.Value, _settings), Requested: RequestedETag(change.Value)))
            .ToList();
        var now = PostgresTime.ToText(_timeProvider.GetUtcNow());
        return _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                foreach (var (key, json, requested) in rows)
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
                    command.Parameters.Add(new NpgsqlParameter("etag", NpgsqlDbType.Text) { Value = requested.HasETag ? Guid.NewGuid().ToString("N") : DBNull.Value });
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
            cancellationToken);
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = new NpgsqlCommand("DELETE FROM bot_state WHERE key = ANY(@keys);", connection, transaction);
                command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys });
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>Whether the value takes part in ETag concurrency, and the ETag it carries (MemoryStorage's rules).</summary>
    private static (bool HasETag, string? ETag) RequestedETag(object? value) => value switch
    {
        IStoreItem storeItem => (true, storeItem.ETag),
        JObject jObject when jObject.ContainsKey(ETagProperty) => (true, jObject.Value<string>(ETagProperty)),
        _ => (false, null),
    };
}
