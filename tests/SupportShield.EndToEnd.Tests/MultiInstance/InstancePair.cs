using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Npgsql;
using SupportShield.EndToEnd.Tests.Support;
using SupportShield.Testing;

namespace SupportShield.EndToEnd.Tests.MultiInstance;

/// <summary>
/// Two host processes (A and B) on their own loopback ports sharing one PostgreSQL database, one Redis of the pair's own,
/// one hash key, one SMTP server on loopback and one test channel: two instances behind a load balancer.
/// </summary>
internal sealed partial class InstancePair : IAsyncDisposable
{
    public const string AgentKey = "mi-agent-key";

    private readonly PostgresServer? _ownedPostgres;
    private readonly string _folder;

    private InstancePair(PostgresServer? ownedPostgres, string connectionString, RedisServer redis, LoopbackSmtpServer smtp, ChannelEndpoint channel, string folder)
    {
        _ownedPostgres = ownedPostgres;
        ConnectionString = connectionString;
        Redis = redis;
        Smtp = smtp;
        Channel = channel;
        _folder = folder;
    }

    public string ConnectionString { get; }

    public RedisServer Redis { get; }

    public LoopbackSmtpServer Smtp { get; }

    public ChannelEndpoint Channel { get; }

    public InstanceClient A { get; private set; } = null!;

    public InstanceClient B { get; private set; } = null!;

    /// <summary>The pair's own PostgreSQL server, when it was started with one (to stop and start it again).</summary>
    public PostgresServer? Postgres => _ownedPostgres;

    /// <summary>
    /// Starts Redis, SMTP, the channel and both processes (in parallel). With <paramref name="ownPostgres"/> the pair gets
    /// a PostgreSQL server of its own (which a test may stop); otherwise a fresh database on the assembly's shared server.
    /// </summary>
    public static async Task<InstancePair> StartAsync(bool ownPostgres = false, IReadOnlyDictionary<string, string>? extra = null)
    {
        var postgres = ownPostgres ? await PostgresServer.StartAsync() : null;
        var connectionString = await (postgres ?? await PostgresServer.SharedAsync()).CreateDatabaseAsync("mi");
        var folder = Path.Combine(Path.GetTempPath(), "supportshield-mi-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var pair = new InstancePair(postgres, connectionString, await RedisServer.StartAsync(), await LoopbackSmtpServer.StartAsync(), await ChannelEndpoint.StartAsync(), folder);
        try
        {
            var settings = pair.Settings(extra);
            var a = HostProcess.StartAsync(settings);
            var b = HostProcess.StartAsync(settings);
            await Task.WhenAll(a, b);
            pair.A = new InstanceClient(await a, AgentKey);
            pair.B = new InstanceClient(await b, AgentKey);
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <summary>The 8-digit code in the first code email to <paramref name="to"/> after the first <paramref name="skip"/> ones.</summary>
    public async Task<string> WaitForCodeAsync(string to, int skip = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var message = CodeEmails(to).Skip(skip).FirstOrDefault();
            if (message is not null)
            {
                return CodePattern().Match(message.TextBody ?? string.Empty).Value;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No code email reached {to}.");
    }

    /// <summary>Code emails sent to <paramref name="to"/> so far.</summary>
    public int CodeEmailCount(string to) => CodeEmails(to).Count();

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes (then fails with <paramref name="what"/>).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until both processes answer /healthz (or the one left, after a kill).</summary>
    public static async Task<HttpStatusCode> StatusAsync(InstanceClient instance, string path)
    {
        using var response = await instance.Http.GetAsync(path);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        A?.Dispose();
        B?.Dispose();
        if (A is not null)
        {
            await A.Process.DisposeAsync();
        }

        if (B is not null)
        {
            await B.Process.DisposeAsync();
        }

        await Channel.DisposeAsync();
        await Smtp.DisposeAsync();
        await Redis.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (_ownedPostgres is not null)
        {
            await _ownedPostgres.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private IEnumerable<MimeKit.MimeMessage> CodeEmails(string to) =>
        Smtp.Messages.Where(m => m.Subject == "Your verification code" && m.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase)));

    private Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["SupportShield:Storage:Provider"] = "Postgres",
            ["SupportShield:Storage:Postgres:ConnectionString"] = ConnectionString,
            ["SupportShield:Storage:Postgres:CommandTimeoutSeconds"] = "5",
            ["SupportShield:Storage:SqlitePath"] = Path.Combine(_folder, "unused.db"),
            ["SupportShield:Redis:ConnectionString"] = Redis.ConnectionString,
            ["SupportShield:Redis:KeyPrefix"] = "mi" + Guid.NewGuid().ToString("N")[..8] + ":",
            ["SupportShield:Security:HashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["SupportShield:Email:Smtp:Host"] = "127.0.0.1",
            ["SupportShield:Email:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["SupportShield:Email:Smtp:From"] = "support@shop.example",
            ["SupportShield:Email:Smtp:Security"] = "None",
            ["SupportShield:Agent:ApiKeys:0"] = AgentKey,
            ["SupportShield:Idempotency:Lease"] = "00:00:02",
            ["SupportShield:RateLimits:MessagesPerConversationPerMinute"] = "600",
            ["SupportShield:RateLimits:MessagesPerAccountPerMinute"] = "6000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    [GeneratedRegex(@"\b[0-9]{8}\b")]
    private static partial Regex CodePattern();
}
