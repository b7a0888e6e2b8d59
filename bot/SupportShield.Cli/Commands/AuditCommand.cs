using System.Globalization;
using Microsoft.Data.Sqlite;
using SupportShield.Cli.Arguments;
using SupportShield.Middleware.Audit;

namespace SupportShield.Cli.Commands;

/// <summary><c>supportshield audit verify --db PATH</c>: checks the audit log's hash chain in a SupportShield SQLite file.</summary>
public sealed class AuditCommand : ICommand
{
    /// <summary>The option naming the database file.</summary>
    public const string DbOption = "--db";

    private static readonly string[] Flags = [];
    private static readonly string[] ValueOptions = [DbOption];

    /// <inheritdoc />
    public string Name => "audit";

    /// <inheritdoc />
    public string Summary => "verify the audit log's hash chain";

    /// <inheritdoc />
    public string Help => """
        Usage: supportshield audit verify --db PATH

        Reads the audit log of a SupportShield SQLite file (read-only) and checks its hash chain: every record
        must chain from the one before it and hash to what it stores. Names the first broken record: its id,
        its time, and what differs (content changed, records deleted or reordered, hash missing).
        When the chain is intact, prints the number of records and the hash of the last one; keep that hash
        somewhere else to detect a later rewrite of the whole log or removal of its newest records.
        Exit code 0 when the chain is intact, 1 when it is broken, 2 when the file cannot be read.

        Options:
          --db PATH    the SQLite file (SupportShield:Storage:SqlitePath)
          -h, --help   show this help
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

        var path = parsed.Value(DbOption) ?? throw new UsageException("missing --db PATH");
        AuditChainReport report;
        try
        {
            report = Read(path);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            io.Error.WriteLine($"supportshield audit: cannot read the audit log of {path}: {ex.Message}");
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
        io.Out.Flush();
        return ExitCodes.Success;
    }

    private static string Kind(AuditChainBreakKind kind) => kind switch
    {
        AuditChainBreakKind.ContentChanged => "content changed",
        AuditChainBreakKind.ChainBroken => "record deleted, reordered or inserted",
        _ => "hash missing",
    };

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
