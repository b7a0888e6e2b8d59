using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace SupportShield.Middleware.Audit;

/// <summary>
/// Reads the <c>audit_records</c> table with its chain columns through plain ADO.NET, so that the host (migrating and
/// appending) and <c>supportshield audit verify</c> read stored records the same way.
/// </summary>
public static class AuditTable
{
    /// <summary>The columns read, in order.</summary>
    public const string SelectColumns = """
        SELECT id, conversation_id, time, direction, action, entity_types_json, rule_ids_json, masked_preview,
               value_hashes_json, message_id, actor, previous_hash, hash
        FROM audit_records
        """;

    /// <summary>Every record in storage order (by id).</summary>
    public static async Task<IReadOnlyList<ChainedAuditRecord>> ReadAllAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectColumns + " ORDER BY id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<ChainedAuditRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    /// <summary>One row of <see cref="SelectColumns"/>.</summary>
    public static ChainedAuditRecord Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var record = new AuditRecord(
            DateTimeOffset.ParseExact(reader.GetString(2), "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            reader.GetString(1),
            reader.GetString(3),
            reader.GetString(4),
            List(reader.GetString(5)),
            List(reader.GetString(6)),
            NullableString(reader, 7),
            List(reader.GetString(8)),
            NullableString(reader, 9),
            NullableString(reader, 10));
        return new ChainedAuditRecord(reader.GetInt64(0), record, NullableString(reader, 11), NullableString(reader, 12));
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string[] List(string json) =>
        JsonSerializer.Deserialize<string[]>(json) ?? throw new InvalidDataException("An audit record holds an empty list column.");
}
