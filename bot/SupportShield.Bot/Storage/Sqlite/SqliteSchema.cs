using Microsoft.Data.Sqlite;

namespace SupportShield.Bot.Storage.Sqlite;

/// <summary>
/// The database schema as ordered migration steps. A step, once released, never changes: a database that has
/// applied it will not run it again, so a change of schema is always a new step at the end.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<(int Version, string Sql)> Migrations { get; } =
    [
        (1, """
            CREATE TABLE conversations (
                conversation_id TEXT NOT NULL PRIMARY KEY,
                reference_json  TEXT NOT NULL,
                account_id      TEXT NULL,
                created_at      TEXT NOT NULL,
                updated_at      TEXT NOT NULL
            );

            CREATE TABLE held_messages (
                sequence        INTEGER PRIMARY KEY AUTOINCREMENT,
                message_id      TEXT NOT NULL UNIQUE,
                conversation_id TEXT NOT NULL,
                activity_json   TEXT NOT NULL,
                sender_role     TEXT NOT NULL,
                reasons_json    TEXT NOT NULL,
                held_at         TEXT NOT NULL,
                state           TEXT NOT NULL CHECK (state IN ('Held', 'Releasing', 'Released')),
                released_at     TEXT NULL
            );
            CREATE INDEX ix_held_messages_conversation ON held_messages (conversation_id, sequence);

            CREATE TABLE transcript_entries (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                conversation_id TEXT NOT NULL,
                role            TEXT NOT NULL,
                text            TEXT NOT NULL,
                time            TEXT NOT NULL,
                time_utc_ticks  INTEGER NOT NULL
            );
            CREATE INDEX ix_transcript_entries_conversation ON transcript_entries (conversation_id, time_utc_ticks, id);

            CREATE TABLE audit_records (
                id                INTEGER PRIMARY KEY AUTOINCREMENT,
                conversation_id   TEXT NOT NULL,
                time              TEXT NOT NULL,
                time_utc_ticks    INTEGER NOT NULL,
                direction         TEXT NOT NULL,
                action            TEXT NOT NULL,
                entity_types_json TEXT NOT NULL,
                rule_ids_json     TEXT NOT NULL,
                masked_preview    TEXT NULL,
                value_hashes_json TEXT NOT NULL,
                message_id        TEXT NULL
            );
            CREATE INDEX ix_audit_records_conversation ON audit_records (conversation_id, time_utc_ticks, id);

            -- The audit log is evidence: the database itself refuses to change or remove a record.
            CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
            BEGIN SELECT RAISE(ABORT, 'audit_records is append-only'); END;
            CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
            BEGIN SELECT RAISE(ABORT, 'audit_records is append-only'); END;

            CREATE TABLE bot_state (
                key        TEXT NOT NULL PRIMARY KEY,
                json       TEXT NOT NULL,
                etag       TEXT NULL,
                updated_at TEXT NOT NULL
            );

            CREATE TABLE dev_outbox (
                id             INTEGER PRIMARY KEY AUTOINCREMENT,
                recipient      TEXT NOT NULL,
                subject        TEXT NOT NULL,
                body           TEXT NOT NULL,
                time           TEXT NOT NULL,
                time_utc_ticks INTEGER NOT NULL
            );

            CREATE TABLE secrets (
                name       TEXT NOT NULL PRIMARY KEY,
                value      BLOB NOT NULL,
                created_at TEXT NOT NULL
            );
            """),
        (2, """
            -- Tamper-evident audit chain (AuditChain): who acted, and each record's previous and own hash.
            -- Existing rows are chained in id order right after this step (SqliteAuditChainMigration).
            ALTER TABLE audit_records ADD COLUMN actor TEXT NULL;
            ALTER TABLE audit_records ADD COLUMN previous_hash TEXT NULL;
            ALTER TABLE audit_records ADD COLUMN hash TEXT NULL;

            CREATE TABLE override_requests (
                request_id             TEXT NOT NULL PRIMARY KEY,
                conversation_id        TEXT NOT NULL,
                message_id             TEXT NOT NULL,
                agent_id               TEXT NOT NULL,
                masked_justification   TEXT NOT NULL,
                status                 TEXT NOT NULL CHECK (status IN ('Pending', 'Approved', 'Rejected')),
                requested_at           TEXT NOT NULL,
                decided_at             TEXT NULL,
                decided_by             TEXT NULL
            );
            CREATE INDEX ix_override_requests_message ON override_requests (message_id, status);

            CREATE TABLE false_positive_reports (
                id                INTEGER PRIMARY KEY AUTOINCREMENT,
                report_id         TEXT NOT NULL UNIQUE,
                conversation_id   TEXT NOT NULL,
                message_id        TEXT NOT NULL,
                agent_id          TEXT NOT NULL,
                masked_note       TEXT NULL,
                reasons_json      TEXT NOT NULL,
                entity_types_json TEXT NOT NULL,
                masked_preview    TEXT NOT NULL,
                reported_at       TEXT NOT NULL,
                reported_at_ticks INTEGER NOT NULL
            );
            """),
        (3, """
            -- Exactly-once across instances and retries: customer activities already recorded (with their transcript line)
            -- and agent sends by idempotency key (IdempotencyStore).
            CREATE TABLE processed_activities (
                conversation_id TEXT NOT NULL,
                activity_id     TEXT NOT NULL,
                processed_at    TEXT NOT NULL,
                PRIMARY KEY (conversation_id, activity_id)
            );

            CREATE TABLE idempotency_keys (
                scope             TEXT NOT NULL,
                key               TEXT NOT NULL,
                state             TEXT NOT NULL CHECK (state IN ('Pending', 'Sending', 'Sent', 'Completed')),
                owner             TEXT NOT NULL,
                lease_until_ticks INTEGER NOT NULL,
                message_id        TEXT NULL,
                status            TEXT NULL,
                response_json     TEXT NULL,
                created_at        TEXT NOT NULL,
                created_at_ticks  INTEGER NOT NULL,
                PRIMARY KEY (scope, key)
            );
            """),
    ];

    /// <summary>Work a step needs besides its SQL, run in the same transaction right after it.</summary>
    public static void AfterStep(int version, SqliteConnection connection, SqliteTransaction transaction)
    {
        if (version == 2)
        {
            SqliteAuditChainMigration.ChainExistingRecords(connection, transaction);
        }
    }

    public static int LatestVersion => Migrations[^1].Version;
}
