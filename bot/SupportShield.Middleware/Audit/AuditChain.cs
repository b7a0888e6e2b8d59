using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SupportShield.Middleware.Audit;

/// <summary>
/// The hash chain that makes the audit log tamper-evident: each record stores the hash of the record before it, and its
/// own hash is SHA-256 over a canonical serialisation of its contents and that previous hash. The first record chains
/// from <see cref="Genesis"/>. Changing, deleting or reordering a stored record breaks the chain at that point.
/// The one implementation the host (when appending and migrating) and <c>supportshield audit verify</c> use.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first record.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Version tag at the start of every canonical serialisation; a new format gets a new tag.</summary>
    public const string FormatVersion = "supportshield-audit-v1";

    /// <summary>The hash (64 lower-case hex digits) of <paramref name="record"/> chained after <paramref name="previousHash"/>.</summary>
    public static string ComputeHash(string previousHash, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(record);
        return Convert.ToHexStringLower(SHA256.HashData(Canonical(previousHash, record)));
    }

    /// <summary>
    /// The canonical bytes: a UTF-8 JSON array of the format tag, the previous hash and every field in a fixed order
    /// (time as round-trip text and as UTC ticks, nulls written as null, lists in their stored order).
    /// </summary>
    public static byte[] Canonical(string previousHash, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(record);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartArray();
            json.WriteStringValue(FormatVersion);
            json.WriteStringValue(previousHash);
            json.WriteStringValue(record.Time.ToString("O", CultureInfo.InvariantCulture));
            json.WriteNumberValue(record.Time.UtcTicks);
            json.WriteStringValue(record.ConversationId);
            json.WriteStringValue(record.Direction);
            json.WriteStringValue(record.Action);
            WriteList(json, record.EntityTypes);
            WriteList(json, record.RuleIds);
            WriteNullable(json, record.MaskedPreview);
            WriteList(json, record.ValueHashes);
            WriteNullable(json, record.MessageId);
            WriteNullable(json, record.Actor);
            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Checks stored records, in storage order (oldest first): each must hold a hash, chain from the one before it
    /// (the first from <see cref="Genesis"/>) and hash to what it stores. Returns the first break, if any.
    /// </summary>
    public static AuditChainReport Verify(IEnumerable<ChainedAuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var expectedPrevious = Genesis;
        ChainedAuditRecord? before = null;
        var count = 0;
        foreach (var stored in records)
        {
            if (string.IsNullOrEmpty(stored.Hash) || string.IsNullOrEmpty(stored.PreviousHash))
            {
                return AuditChainReport.Broken(count, new AuditChainBreak(
                    stored.Id, stored.Record.Time, AuditChainBreakKind.HashMissing,
                    $"record {stored.Id} has no {(string.IsNullOrEmpty(stored.Hash) ? "hash" : "previous hash")}: it was written outside the chain or its hash was removed"));
            }

            if (!string.Equals(stored.PreviousHash, expectedPrevious, StringComparison.Ordinal))
            {
                var where = before is null
                    ? "it is the first record but does not chain from the genesis value: earlier records were deleted"
                    : stored.Id - before.Id > 1
                        ? $"records {before.Id + 1}..{stored.Id - 1} between it and record {before.Id} are missing (deleted)"
                        : $"it does not chain from record {before.Id} before it: records were deleted, reordered or inserted, or record {before.Id} was changed and re-hashed";
                return AuditChainReport.Broken(count, new AuditChainBreak(stored.Id, stored.Record.Time, AuditChainBreakKind.ChainBroken, $"record {stored.Id}: {where}"));
            }

            var actual = ComputeHash(stored.PreviousHash, stored.Record);
            if (!string.Equals(actual, stored.Hash, StringComparison.Ordinal))
            {
                return AuditChainReport.Broken(count, new AuditChainBreak(
                    stored.Id, stored.Record.Time, AuditChainBreakKind.ContentChanged,
                    $"record {stored.Id}: its content was changed after it was written (stored hash {Short(stored.Hash)}, content hashes to {Short(actual)})"));
            }

            expectedPrevious = stored.Hash;
            before = stored;
            count++;
        }

        return AuditChainReport.Intact(count, count == 0 ? null : expectedPrevious);
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;

    private static void WriteList(Utf8JsonWriter json, IReadOnlyList<string>? values)
    {
        json.WriteStartArray();
        foreach (var value in values ?? [])
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }
}
