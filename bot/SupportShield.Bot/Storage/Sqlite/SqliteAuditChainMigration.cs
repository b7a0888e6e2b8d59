using Microsoft.Data.Sqlite;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Storage.Sqlite;

/// <summary>
/// Chains the audit records a database held before the chain existed, in id order, so that the whole log verifies.
/// The append-only trigger is lifted for this one update, inside the migration transaction, and put back.
/// </summary>
internal static class SqliteAuditChainMigration
{
    private const string NoUpdateTrigger = """
        CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
        BEGIN SELECT RAISE(ABORT, 'audit_records is append-only'); END;
        """;

    public static void ChainExistingRecords(SqliteConnection connection, SqliteTransaction transaction)
    {
        var records = AuditTable.ReadAllAsync(connection, transaction, CancellationToken.None).GetAwaiter().GetResult();
        if (records.Count == 0)
        {
            return;
        }

        Execute(connection, transaction, "DROP TRIGGER IF EXISTS audit_records_no_update;");
        var previous = AuditChain.Genesis;
        using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE audit_records SET previous_hash = $previous, hash = $hash WHERE id = $id;";
            var previousParameter = update.Parameters.Add("$previous", SqliteType.Text);
            var hashParameter = update.Parameters.Add("$hash", SqliteType.Text);
            var idParameter = update.Parameters.Add("$id", SqliteType.Integer);
            foreach (var stored in records)
            {
                var hash = AuditChain.ComputeHash(previous, stored.Record);
                previousParameter.Value = previous;
                hashParameter.Value = hash;
                idParameter.Value = stored.Id;
                update.ExecuteNonQuery();
                previous = hash;
            }
        }

        Execute(connection, transaction, NoUpdateTrigger);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
