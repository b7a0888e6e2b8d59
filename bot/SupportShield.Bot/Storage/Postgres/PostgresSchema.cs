namespace SupportShield.Bot.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema as ordered migration steps, recorded in <c>schema_version</c>. A step, once released, never
/// changes: a database that has applied it will not run it again, so a change of schema is always a new step at the end.
/// Tables and columns mirror the SQLite schema (times as round-trip text with UTC ticks beside them, lists as JSON text),
/// so that both providers read, hash and verify records the same way.
/// </summary>
internal static class PostgresSchema
{
    public static IReadOnlyList<(int Version, string Sql)> Migrations { get; } =
    [
        (1, """
            CREATE TABLE conversations (
                conversation_id text NOT NULL PRIMARY KEY,
                reference_json  text NOT NULL,
                account_id      text NULL,
                created_at      text NOT NULL,
                updated_at      text NOT NULL
            );

            CREATE TABLE held_messages (
                sequence        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                message_id      text NOT NULL UNIQUE,
                conversation_id text NOT NULL,
                activity_json   text NOT NULL,
                sender_role     text NOT NULL,
                reasons_json    text NOT NULL,
                held_at         text NOT NULL,
                state           text NOT NULL CHECK (state IN ('Held', 'Releasing', 'Released')),
                released_at     text NULL
            );
            CREATE INDEX ix_held_messages_conversation ON held_messages (conversation_id, sequence);

            CREATE TABLE transcript_entries (
                id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                conversation_id text NOT NULL,
                role            text NOT NULL,
                text            text NOT NULL,
                time            text NOT NULL,
                time_utc_ticks  bigint NOT NULL
            );
            CREATE INDEX ix_transcript_entries_conversation ON transcript_entries (conversation_id, time_utc_ticks, id);

            CREATE TABLE audit_records (
                id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                conversation_id   text NOT NULL,
                time              text NOT NULL,
                time_utc_ticks    bigint NOT NULL,
                direction         text NOT NULL,
                action            text NOT NULL,
                entity_types_json text NOT NULL,
                rule_ids_json     text NOT NULL,
                masked_preview    text NULL,
                value_hashes_json text NOT NULL,
                message_id        text NULL,
                actor             text NULL,
                previous_hash     text NULL,
                hash              text NULL
            );
            CREATE INDEX ix_audit_records_conversation ON audit_records (conversation_id, time_utc_ticks, id);
            CREATE INDEX ix_audit_records_time ON audit_records (time_utc_ticks);

            -- The audit log is evidence: the database itself refuses to change, remove or truncate a record.
            CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_records is append-only';
            END;
            $$;
            CREATE TRIGGER audit_records_no_update BEFORE UPDATE OR DELETE ON audit_records
                FOR EACH ROW EXECUTE FUNCTION audit_records_append_only();
            CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
                FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only();

            CREATE TABLE bot_state (
                key        text NOT NULL PRIMARY KEY,
                json       text NOT NULL,
                etag       text NULL,
                updated_at text NOT NULL
            );

            CREATE TABLE dev_outbox (
                id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                recipient      text NOT NULL,
                subject        text NOT NULL,
                body           text NOT NULL,
                time           text NOT NULL,
                time_utc_ticks bigint NOT NULL
            );

            CREATE TABLE secrets (
                name       text NOT NULL PRIMARY KEY,
                value      bytea NOT NULL,
                created_at text NOT NULL
            );

            CREATE TABLE override_requests (
                request_id           text NOT NULL PRIMARY KEY,
                conversation_id      text NOT NULL,
                message_id           text NOT NULL,
                agent_id             text NOT NULL,
                masked_justification text NOT NULL,
                status               text NOT NULL CHECK (status IN ('Pending', 'Approved', 'Rejected')),
                requested_at         text NOT NULL,
                decided_at           text NULL,
                decided_by           text NULL
            );
            CREATE INDEX ix_override_requests_message ON override_requests (message_id, status);

            CREATE TABLE false_positive_reports (
                id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                report_id         text NOT NULL UNIQUE,
                conversation_id   text NOT NULL,
                message_id        text NOT NULL,
                agent_id          text NOT NULL,
                masked_note       text NULL,
                reasons_json      text NOT NULL,
                entity_types_json text NOT NULL,
                masked_preview    text NOT NULL,
                reported_at       text NOT NULL,
                reported_at_ticks bigint NOT NULL
            );
            """),
        (2, """
            -- Exactly-once across instances and retries: customer activities already recorded (with their transcript line)
            -- and agent sends by idempotency key (IdempotencyStore).
            CREATE TABLE processed_activities (
                conversation_id text NOT NULL,
                activity_id     text NOT NULL,
                processed_at    text NOT NULL,
                PRIMARY KEY (conversation_id, activity_id)
            );

            CREATE TABLE idempotency_keys (
                scope             text NOT NULL,
                key               text NOT NULL,
                state             text NOT NULL CHECK (state IN ('Pending', 'Sending', 'Sent', 'Completed')),
                owner             text NOT NULL,
                lease_until_ticks bigint NOT NULL,
                message_id        text NULL,
                status            text NULL,
                response_json     text NULL,
                created_at        text NOT NULL,
                created_at_ticks  bigint NOT NULL,
                PRIMARY KEY (scope, key)
            );
            """),
        (3, """
            -- Audit records wait here, committed, until a host chains them into audit_records: a turn's append is one
            -- insert that waits for no other host, and the chain is written by one host at a time, in the order taken.
            CREATE TABLE audit_inbox (
                id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                conversation_id   text NOT NULL,
                time              text NOT NULL,
                time_utc_ticks    bigint NOT NULL,
                direction         text NOT NULL,
                action            text NOT NULL,
                entity_types_json text NOT NULL,
                rule_ids_json     text NOT NULL,
                masked_preview    text NULL,
                value_hashes_json text NOT NULL,
                message_id        text NULL,
                actor             text NULL
            );
            """),
    ];

    public static int LatestVersion => Migrations[^1].Version;
}
