using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using SupportShield.Cli.Arguments;
using SupportShield.Middleware.Audit;

namespace SupportShield.Cli.Commands;

/// <summary><c>supportshield audit verify --db PATH | --postgres CONNECTION</c>: checks the audit log's hash chain in a SupportShield SQLite file or PostgreSQL database.</summary>
public sealed class AuditCommand : ICommand
{
    /// <summary>The option naming the database file.</summary>
    public const string DbOption = "--db";

    /// <summary>The option giving a PostgreSQL connection string.</summary>
    public const string PostgresOption = "--postgres";

    private static readonly string[] Flags = [];
    private static readonly string[] ValueOptions = [DbOption, PostgresOption];

    /// <inheritdoc />
    public string Name => "audit";

    /// <inheritdoc />
    public string Summary => "verify the audit log's hash chain";

    /// <inheritdoc />
    public string Help => """
        Usage: supportshield audit verify --db PATH
               supportshield audit verify --postgres CONNECTION

        Reads the audit log of a SupportShield SQLite file or PostgreSQL database (read-only) and checks its hash chain: every record
        must chain from the one before it and hash to what it stores. Names the first broken record: its id,
        its time, and what differs (content changed, records deleted or reordered, hash missing).
        When the chain is intact, prints the number of records and the hash of the last one; keep that hash
        somewhere else to detect a later rewrite of the whole log or removal of its newest records.
        Exit code 0 when the chain is intact, 1 when it is broken, 2 when the log cannot be read.

        Options:
          --db PATH              the SQLite file (SupportShield:Storage:SqlitePath)
          --postgres CONNECTION  the Npgsql connection string (SupportShield:Storage:Postgres:ConnectionString),
                                 e.g. "Host=db;Database=supportshield;Username=auditor"; prefer a read-only role, and
                                 PGPASSWORD or ~/.pgpass for the password (a command line is visible to other users)
          -h, --help             show this help
        """;

    /// <inheritdoc />
    public int Execute(IReadOnlyList<string> args, CommandIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var parsed = ParsedArguments.Parse(args, Flags, ValueOptions);
        if (parsed.HelpRequested)
        {
            io.Out.WriteLine(Help);
            return ExitCodes.Success;
        }

        if (parsed.Positionals.Count == 0 || parsed.Positionals[0] != "verify")
        {
            throw new UsageException(parsed.Positionals.Count == 0 ? "missing sub-command: verify" : $"unknown sub-command '{parsed.Positionals[0]}' (expected verify)");
        }

        if (parsed.Positionals.Count > 1)
        {
            throw new UsageException($"unexpected argument '{parsed.Positionals[1]}'");
        }

        var path = parsed.Value(DbOption);
        var postgres = parsed.Value(PostgresOption);
        if ((path is null) == (postgres is null))
        {
            throw new UsageException(path is null ? "missing --db PATH or --postgres CONNECTION" : "give --db or --postgres, not both");
        }

        AuditChainReport report;
        long waiting = 0;
        string source = path ?? "the PostgreSQL database";
        try
        {
            if (postgres is not null)
            {
                var builder = new NpgsqlConnectionStringBuilder(postgres);
                source = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
                (report, waiting) = ReadPostgres(builder);
            }
            else
            {
                report = Read(path!);
            }
        }
        catch (Exception ex) when (ex is SqliteException or NpgsqlException or ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            io.Error.WriteLine($"supportshield audit: cannot read the audit log of {source}: {ex.Message}");
            return ExitCodes.Usage;
        }

        if (report.FirstBreak is { } broken)
        {
            io.Out.WriteLine($"audit chain BROKEN at record {broken.Id} ({broken.Time.ToString("O", CultureInfo.InvariantCulture)}): {Kind(broken.Kind)}");
            io.Out.WriteLine($"  {broken.Description}");
            io.Out.WriteLine($"  {report.VerifiedRecords} records before it check out.");
            io.Out.Flush();
            return ExitCodes.MalformedInput;
        }

        io.Out.WriteLine($"audit chain intact: {report.VerifiedRecords} records" + (report.HeadHash is null ? string.Empty : $", last hash {report.HeadHash}"));
        if (waiting > 0)
        {
            io.Out.WriteLine($"  {waiting} more record(s) committed and waiting to be chained (a running host chains them within a second; start one if none runs).");
        }

        io.Out.Flush();
        return ExitCodes.Success;
    }

    private static string Kind(AuditChainBreakKind kind) => kind switch
    {
        AuditChainBreakKind.ContentChanged => "content changed",
        AuditChainBreakKind.ChainBroken => "record deleted, reordered or inserted",
        _ => "hash missing",
    };

    /// <summary>The chain's report, and how many records wait in the inbox to be chained (appended, not yet linked).</summary>
    private static (AuditChainReport Report, long Waiting) ReadPostgres(NpgsqlConnectionStringBuilder builder)
    {
        builder.Pooling = false;
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();

        // One read-only snapshot: hosts may go on appending while the chain is read.
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY;", connection, transaction))
        {
            readOnly.ExecuteNonQuery();
        }

        using (var columns = new NpgsqlCommand(
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'audit_records' AND column_name IN ('hash', 'previous_hash');",
            connection,
            transaction))
        {
            if (Convert.ToInt32(columns.ExecuteScalar(), CultureInfo.InvariantCulture) != 2)
            {
                throw new InvalidDataException("it has no audit_records table with chain columns (not a SupportShield database: start the bot on it once to create the schema)");
            }
        }

        var report = AuditChain.Verify(AuditTable.ReadAllAsync(connection, transaction, CancellationToken.None).GetAwaiter().GetResult());
        using (var exists = new NpgsqlCommand("SELECT to_regclass('audit_inbox') IS NOT NULL;", connection, transaction))
        {
            if (exists.ExecuteScalar() is not true)
            {
                // A database from before the inbox: every record is in the chain.
                return (report, 0);
            }
        }

        using var inbox = new NpgsqlCommand("SELECT COUNT(*) FROM audit_inbox;", connection, transaction);
        return (report, Convert.ToInt64(inbox.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    private static AuditChainReport Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new IOException($"no such file: {Path.GetFullPath(path)}");
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var columns = connection.CreateCommand())
        {
            columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('audit_records') WHERE name IN ('hash', 'previous_hash');";
            var found = Convert.ToInt32(columns.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (found != 2)
            {
                throw new InvalidDataException("it has no audit_records table with chain columns (not a SupportShield database, or one from before the audit chain: start the bot on it once to migrate)");
            }
        }

        return AuditChain.Verify(AuditTable.ReadAllAsync(connection, null, CancellationToken.None).GetAwaiter().GetResult());
    }
}
