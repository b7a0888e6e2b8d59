using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace SupportShield.Testing;

/// <summary>
/// A real Redis (Debian's <c>redis-server</c>) on 127.0.0.1 at a free port, with no persistence (<c>--save ""
/// --appendonly no</c>), stopped on dispose. Tests can stop it and start it again on the same port, as an outage would.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    /// <summary>Where Debian installs the server (<c>apt-get install redis-server</c>; scripts/test.sh does it when missing).</summary>
    public const string DefaultExecutable = "/usr/bin/redis-server";

    private readonly string _executable;
    private readonly string _folder;
    private Process? _process;

    private RedisServer(string executable, int port)
    {
        _executable = executable;
        Port = port;
        _folder = Path.Combine(Path.GetTempPath(), "supportshield-redis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    public int Port { get; }

    /// <summary>True while the server process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>A StackExchange.Redis connection string with short time-outs, so that an outage shows quickly.</summary>
    public string ConnectionString =>
        $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)},connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000,connectRetry=1";

    /// <summary>Starts a server on a free port and waits until it answers PING.</summary>
    public static async Task<RedisServer> StartAsync(string executable = DefaultExecutable)
    {
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} was not found: install Debian's redis-server package (scripts/test.sh does).");
        }

        var server = new RedisServer(executable, LoopbackSmtpServer.FreePort());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server again on the same port (after <see cref="StopAsync"/>) and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        foreach (var argument in new[]
                 {
                     "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty,
                     "--appendonly", "no", "--daemonize", "no", "--dir", _folder, "--loglevel", "warning",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} on port {Port}.");
            }

            if (await PingAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server did not answer PING on port {Port} within 20 seconds.");
    }

    /// <summary>Stops the server (as an outage would) and waits until the port no longer answers.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>True when the server answers PING with PONG.</summary>
    public async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
