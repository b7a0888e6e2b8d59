using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using SupportShield.EndToEnd.Tests.Support;
using SupportShield.Testing;

namespace SupportShield.EndToEnd.Tests;

/// <summary>
/// The real host with <c>SupportShield:Storage:Provider=Postgres</c>: two hosts on one PostgreSQL database behind the same
/// channel, a customer's turns and the agent's calls landing on either, as behind a load balancer.
/// </summary>
[NonParallelizable]
public sealed partial class PostgresEndToEndTests
{
    private const string JaneEmail = "jane.doe@example.com";
    private const string AddressReply = "Your address on file is 742 Evergreen Terrace, Springfield, OR 97403.";

    private string _connectionString = null!;
    private string _folder = null!;
    private LoopbackSmtpServer _smtp = null!;
    private ChannelEndpoint _channel = null!;
    private readonly List<BotHost> _hosts = [];

    [SetUp]
    public async Task SetUpAsync()
    {
        _connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("e2e");
        _folder = Path.Combine(Path.GetTempPath(), "supportshield-e2e-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _smtp = await LoopbackSmtpServer.StartAsync();
        _channel = await ChannelEndpoint.StartAsync();
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _channel.DisposeAsync();
        await _smtp.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task TwoHosts_ImpersonationThenVerification_HeldReplyReleasedOnce_AuditChainVerifies()
    {
        var a = await StartHostAsync();
        var b = await StartHostAsync();
        const string conversation = "conv-pg-genuine";

        // The customer's first turn reaches host A; the agent works through host B.
        await CustomerSaysAsync(a, conversation, "Hello, I have a question about my account");
        (await b.LinkAsync(conversation, "acct-1001")).Dispose();
        var held = await b.SendAgentMessageAsync(conversation, AddressReply);
        Assert.That(held.GetProperty("status").GetString(), Is.EqualTo("held"));
        Assert.That((await a.GetConversationAsync(conversation)).GetProperty("held").GetArrayLength(), Is.EqualTo(1), "host A sees what B held");

        // Verification starts on A's turn; the code is typed in a turn that B handles.
        await CustomerSaysAsync(a, conversation, "can you confirm the address you have for me?");
        await _channel.WaitForAsync(x => x.Text?.Contains("verification code", StringComparison.Ordinal) == true);
        var code = await WaitForCodeAsync(JaneEmail);
        await CustomerSaysAsync(b, conversation, code);

        await _channel.WaitForAsync(x => x.Text == "Thank you, you're verified.");
        await _channel.WaitForAsync(x => x.Text == AddressReply);
        var onA = await a.GetConversationAsync(conversation);
        Assert.That(onA.GetProperty("verification").GetString(), Is.EqualTo("verified"), "verified through B, verified on A");
        Assert.That(onA.GetProperty("held").GetArrayLength(), Is.EqualTo(0));

        // A later reply through A: the held one was released once, by whichever host handled the code.
        var marker = await a.SendAgentMessageAsync(conversation, "Anything else I can help with?");
        Assert.That(marker.GetProperty("status").GetString(), Is.EqualTo("delivered"));
        await _channel.WaitForAsync(x => x.Text == "Anything else I can help with?");
        Assert.That(_channel.TextsFor(conversation).Count(t => t == AddressReply), Is.EqualTo(1), "released exactly once");
        Assert.That(_channel.TextsFor(conversation).Count(t => t == "Thank you, you're verified."), Is.EqualTo(1));
        var transcript = (await b.GetConversationAsync(conversation)).GetProperty("transcript").EnumerateArray().Select(l => l.GetProperty("text").GetString()!).ToList();
        Assert.That(transcript, Has.None.Contain(code));

        // One audit chain for both hosts, checked by the ops API and by the command line against the database.
        using (var ops = ApiClients.For(b, ApiClients.OpsKey))
        {
            var live = await ops.GetFromJsonAsync<JsonElement>("api/ops/audit/verify");
            Assert.That(live.GetProperty("isIntact").GetBoolean(), Is.True);
        }

        var intact = Cli("audit", "verify", "--postgres", _connectionString);
        Assert.That(intact.Code, Is.EqualTo(0), intact.Out + intact.Error);
        Assert.That(intact.Out, Does.Contain("audit chain intact"));
        Assert.That(RecordCount().Match(intact.Out).Groups[1].Value, Is.Not.EqualTo("0"));

        long heldId;
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var find = new NpgsqlCommand("SELECT id FROM audit_records WHERE action = 'held' ORDER BY id LIMIT 1;", connection);
            heldId = (long)(await find.ExecuteScalarAsync())!;
            await using var tamper = new NpgsqlCommand(
                $"ALTER TABLE audit_records DISABLE TRIGGER audit_records_no_update; UPDATE audit_records SET action = 'delivered' WHERE id = {heldId};",
                connection);
            await tamper.ExecuteNonQueryAsync();
        }

        var broken = Cli("audit", "verify", "--postgres", _connectionString);
        Assert.That(broken.Code, Is.EqualTo(1), broken.Out + broken.Error);
        Assert.That(broken.Out, Does.Contain($"record {heldId.ToString(CultureInfo.InvariantCulture)}").And.Contain("content changed"));
    }

    [Test]
    public async Task AuditRecordLeftWaitingByAHostThatDied_IsReportedByVerify_AndChainedByTheNextHostToStart()
    {
        var first = await StartHostAsync();
        await CustomerSaysAsync(first, "conv-pg-inbox", "Hello, I have a question about my account");
        await first.DisposeAsync();
        _hosts.Remove(first);
        var before = Cli("audit", "verify", "--postgres", _connectionString);
        Assert.That(before.Out, Does.Contain("audit chain intact").And.Not.Contain("waiting"), "a host that stops chains what it appended");
        var chained = int.Parse(RecordCount().Match(before.Out).Groups[1].Value, CultureInfo.InvariantCulture);

        // What a host leaves when it dies after committing an append and before chaining it.
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO audit_inbox (conversation_id, time, time_utc_ticks, direction, action, entity_types_json, rule_ids_json, value_hashes_json)
                VALUES ('conv-pg-inbox', '2026-11-28T09:00:00.0000000+00:00', 638685972000000000, 'outgoing', 'held', '["ADDRESS"]', '["r1"]', '[]');
                """,
                connection);
            await insert.ExecuteNonQueryAsync();
        }

        var waiting = Cli("audit", "verify", "--postgres", _connectionString);
        Assert.That(waiting.Code, Is.EqualTo(0), waiting.Out + waiting.Error);
        Assert.That(waiting.Out, Does.Contain($"intact: {chained.ToString(CultureInfo.InvariantCulture)} records").And.Contain("1 more record(s) committed and waiting to be chained"));

        var next = await StartHostAsync();
        using (var ops = ApiClients.For(next, ApiClients.OpsKey))
        {
            var live = await ops.GetFromJsonAsync<JsonElement>("api/ops/audit/verify");
            Assert.That(live.GetProperty("isIntact").GetBoolean(), Is.True);
            Assert.That(live.GetProperty("verifiedRecords").GetInt32(), Is.EqualTo(chained + 1));
        }

        var after = Cli("audit", "verify", "--postgres", _connectionString);
        Assert.That(after.Out, Does.Contain($"intact: {(chained + 1).ToString(CultureInfo.InvariantCulture)} records").And.Not.Contain("waiting"));
    }

    [Test]
    public async Task DatabaseUnreachable_ReadyzFails_AndAnAgentReplyWithPersonalDataIsNotSent_ThenHeldOnceBack()
    {
        var host = await StartHostAsync();
        const string conversation = "conv-pg-outage";
        await CustomerSaysAsync(host, conversation, "Hello, I have a question about my account");
        (await host.LinkAsync(conversation, "acct-1001")).Dispose();
        using (var ready = await host.Channel.GetAsync("readyz"))
        {
            var database = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("database");
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(database.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        }

        await SetConnectionsAllowedAsync(false);
        try
        {
            using (var ready = await host.Channel.GetAsync("readyz"))
            {
                Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            }

            using var send = await host.Http.PostAsJsonAsync($"api/agent/conversations/{conversation}/messages", new { agentId = "agent-7", text = AddressReply });
            Assert.That(send.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }
        finally
        {
            await SetConnectionsAllowedAsync(true);
        }

        await WaitUntilReadyAsync(host);
        var again = await host.SendAgentMessageAsync(conversation, AddressReply);
        Assert.That(again.GetProperty("status").GetString(), Is.EqualTo("held"));
        Assert.That(_channel.TextsFor(conversation), Has.None.Contain("Evergreen"));
        Assert.That((await host.GetConversationAsync(conversation)).GetProperty("held").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Metrics_ShowTheDatabasePoolUnderItsShortName_WithoutTheConnectionString()
    {
        var host = await StartHostAsync();
        await CustomerSaysAsync(host, "conv-pg-metrics", "Hello, I have a question about my account");
        var database = new NpgsqlConnectionStringBuilder(_connectionString).Database!;

        // The exporter may serve a cached scrape for a moment: poll with a deadline.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string body;
        while (true)
        {
            using var response = await host.Channel.GetAsync("metrics");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            body = await response.Content.ReadAsStringAsync();
            if (body.Contains("db_client_operation_duration_seconds_count", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(100);
        }

        // The host runs inside the test process, whose own connections to the test server have pools of their own here;
        // the host's pool is the one named, and its database appears nowhere.
        var poolLines = body.Split('\n').Where(l => l.StartsWith("db_client_connection_count{", StringComparison.Ordinal)).ToList();
        Assert.That(poolLines.Where(l => l.Contains("db_client_connection_pool_name=\"supportshield\"", StringComparison.Ordinal)), Is.Not.Empty, body);
        Assert.That(body, Does.Contain("db_client_operation_duration_seconds_count"));
        Assert.That(body, Does.Not.Contain(database), "no connection string of the host in the metrics");
    }

    private async Task<BotHost> StartHostAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["SupportShield:Storage:Provider"] = "Postgres",
            ["SupportShield:Storage:Postgres:ConnectionString"] = _connectionString,
            ["SupportShield:Storage:Postgres:CommandTimeoutSeconds"] = "5",
            ["SupportShield:Email:Smtp:Host"] = "127.0.0.1",
            ["SupportShield:Email:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["SupportShield:Email:Smtp:From"] = "support@shop.example",
        };
        ApiClients.Configure(settings);

        // Each host gets its own (unused) SQLite folder: with the Postgres provider no SQLite file may be created.
        var folder = Path.Combine(_folder, "host-" + _hosts.Count.ToString(CultureInfo.InvariantCulture));
        var host = await BotHost.StartAsync(folder, settings);
        _hosts.Add(host);
        Assert.That(File.Exists(Path.Combine(folder, "supportshield.db")), Is.False, "Provider=Postgres writes no SQLite file");
        return host;
    }

    private async Task CustomerSaysAsync(BotHost host, string conversationId, string text)
    {
        using var response = await host.PostCustomerMessageAsync(_channel, conversationId, text);
        Assert.That((int)response.StatusCode, Is.InRange(200, 299), $"POST /api/messages for '{text}'");
    }

    private async Task<string> WaitForCodeAsync(string to)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var message = _smtp.Messages.FirstOrDefault(m => m.Subject == "Your verification code" && m.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase)));
            if (message is not null)
            {
                return CodePattern().Match(message.TextBody ?? string.Empty).Value;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No code email reached {to}.");
    }

    /// <summary>Makes the test database refuse (and drop) every connection, or accept them again: an outage of the database alone.</summary>
    private async Task SetConnectionsAllowedAsync(bool allowed)
    {
        var database = new NpgsqlConnectionStringBuilder(_connectionString).Database!;
        await using var connection = new NpgsqlConnection((await PostgresServer.SharedAsync()).AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS {(allowed ? "true" : "false")};"
            + (allowed ? string.Empty : $" SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid();"),
            connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitUntilReadyAsync(BotHost host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var ready = await host.Channel.GetAsync("readyz");
            if (ready.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the host is ready again once the database is back");
                return;
            }

            await Task.Delay(100);
        }
    }

    private static (int Code, string Out, string Error) Cli(params string[] args)
    {
        using var input = new StringReader(string.Empty);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = SupportShield.Cli.Program.Run(args, input, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"\b[0-9]{8}\b")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"intact: ([0-9]+) records")]
    private static partial Regex RecordCount();
}
