using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SupportShield.Testing;

/// <summary>
/// A real, throwaway PostgreSQL server on 127.0.0.1 and a free port, started from Debian's binaries
/// (<c>/usr/lib/postgresql/VERSION/bin</c>, the newest version found) in a temporary data folder, stopped and deleted by
/// <see cref="DisposeAsync"/>. PostgreSQL refuses to run as root: under root, initdb and the server run as the
/// <c>postgres</c> system user (through <c>runuser</c>) and the data folder is given to it. One server per test assembly
/// (<see cref="SharedAsync"/>, stopped by a SetUpFixture); a fresh database per test class or test (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string SystemUser = "postgres";
    private const string Superuser = "postgres";

    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static PostgresServer? _shared;
    private static int _databaseCounter;

    private readonly string _binDirectory;
    private readonly string _root;
    private readonly string _dataDirectory;
    private readonly bool _asSystemUser;
    private bool _stopped;

    private PostgresServer(string binDirectory, string root, bool asSystemUser, int port)
    {
        _binDirectory = binDirectory;
        _root = root;
        _dataDirectory = Path.Combine(root, "data");
        _asSystemUser = asSystemUser;
        Port = port;
    }

    /// <summary>The TCP port the server listens on (on 127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>A connection string to the server's <c>postgres</c> maintenance database, as its superuser.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>The server shared by the tests of this process, started on first use.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await SharedGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_shared is null)
            {
                _shared = await StartAsync().ConfigureAwait(false);

                // A test run that ends without the SetUpFixture's tear-down (a crash, a cancelled run) must not leave a server behind.
                var server = _shared;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return _shared;
        }
        finally
        {
            SharedGate.Release();
        }
    }

    /// <summary>Stops and deletes the shared server, when one was started (call from a SetUpFixture's one-time tear-down).</summary>
    public static async Task StopSharedAsync()
    {
        await SharedGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_shared is { } server)
            {
                _shared = null;
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            SharedGate.Release();
        }
    }

    /// <summary>Initialises a data folder and starts a server on a free loopback port; throws with the server's log when it cannot.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var binDirectory = FindBinDirectory();
        var asSystemUser = Environment.UserName == "root" || IsRoot();
        var root = Path.Combine(Path.GetTempPath(), "ss-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var server = new PostgresServer(binDirectory, root, asSystemUser, FreePort());
        try
        {
            await server.InitializeAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connection string to <paramref name="database"/> on this server, as its superuser.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
        Pooling = true,
        Timeout = 15,
    }.ConnectionString;

    /// <summary>Creates a new, empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix ?? "test"}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid().ToString("N")[..8]}").ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            NpgsqlConnection.ClearAllPools();
            if (File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
            {
                await RunAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"], allowFailure: true).ConfigureAwait(false);
            }

            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temp folder is cleaned by the system in time.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private async Task InitializeAsync()
    {
        if (_asSystemUser)
        {
            // The server's user must own its data folder and be able to reach the folder it lives in.
            await RunPlainAsync("chown", ["-R", SystemUser + ":", _root]).ConfigureAwait(false);
        }

        await RunAsync("initdb", ["-D", _dataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"]).ConfigureAwait(false);
        await StartServerAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops the server (<c>pg_ctl stop -m fast</c>: open connections are dropped and nothing new is accepted; committed
    /// data is kept, which an immediate stop would not promise with this test server's <c>synchronous_commit=off</c>),
    /// keeping its data folder and port for <see cref="StartAgainAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        await RunAsync("pg_ctl", ["-D", _dataDirectory, "-m", "fast", "-w", "-t", "30", "stop"]).ConfigureAwait(false);
    }

    /// <summary>Starts the server again on the same port with the same data (after <see cref="StopAsync"/>) and waits until it accepts connections.</summary>
    public Task StartAgainAsync()
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        return StartServerAsync();
    }

    private async Task StartServerAsync()
    {
        var logFile = Path.Combine(_root, "server.log");
        var serverOptions = string.Join(' ',
            "-c listen_addresses=127.0.0.1",
            "-p " + Port.ToString(CultureInfo.InvariantCulture),
            "-k " + _dataDirectory,
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=200",
            "-c shared_buffers=32MB");
        var started = await RunAsync("pg_ctl", ["-D", _dataDirectory, "-l", logFile, "-o", serverOptions, "-w", "-t", "60", "start"], allowFailure: true).ConfigureAwait(false);
        if (!started)
        {
            var log = File.Exists(logFile) ? await File.ReadAllTextAsync(logFile).ConfigureAwait(false) : "(no log)";
            throw new InvalidOperationException($"PostgreSQL did not start on 127.0.0.1:{Port}. Its log:\n{log}");
        }
    }

    private async Task<bool> RunAsync(string tool, IReadOnlyList<string> arguments, bool allowFailure = false)
    {
        var path = Path.Combine(_binDirectory, tool);
        return _asSystemUser
            ? await RunPlainAsync("runuser", ["-u", SystemUser, "--", path, .. arguments], allowFailure).ConfigureAwait(false)
            : await RunPlainAsync(path, arguments, allowFailure).ConfigureAwait(false);
    }

    private static async Task<bool> RunPlainAsync(string fileName, IReadOnlyList<string> arguments, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output.ConfigureAwait(false)}\n{await error.ConfigureAwait(false)}");
        }

        return process.ExitCode == 0;
    }

    private static string FindBinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(dir => (Dir: dir, Version: int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(c => File.Exists(Path.Combine(c.Dir, "bin", "initdb")) && File.Exists(Path.Combine(c.Dir, "bin", "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        return candidates.Count > 0
            ? Path.Combine(candidates[0].Dir, "bin")
            : throw new InvalidOperationException("PostgreSQL's binaries were not found under /usr/lib/postgresql/*/bin (install Debian's postgresql package; scripts/test.sh does).");
    }

    private static bool IsRoot()
    {
        try
        {
            return File.ReadAllLines("/proc/self/status").Any(line => line.StartsWith("Uid:", StringComparison.Ordinal) && line.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) == "0");
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
