using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests;

/// <summary>
/// Roles, overrides, false-positive reports, the ops API and the audit chain through the real host over HTTP: the
/// customer's channel at the test's own endpoint, a real SQLite file and the supportshield command on that file.
/// </summary>
[NonParallelizable]
public sealed class OverrideAndOpsTests
{
    private const string AddressReply = "Your address on file is 742 Evergreen Terrace, Springfield, OR 97403.";
    private const string Justification = "Customer passed phone ID check, callback 503 555 0142 at 742 Evergreen, ticket 88123.";

    [Test]
    public async Task OverrideApproval_WithAgentOrOpsKey_IsRefusedAndTheMessageStaysHeld()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        var messageId = await HoldAddressReplyAsync(s, "conv-override-refused");
        var requestId = await RequestOverrideAsync(s, "conv-override-refused", messageId);
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);

        using var byAgent = await s.Host.Http.PostAsJsonAsync($"api/agent/override-requests/{requestId}/approve", new { supervisorId = "agent-7" });
        using var byOps = await ops.PostAsJsonAsync($"api/agent/override-requests/{requestId}/approve", new { supervisorId = "ops-1" });

        Assert.That(byAgent.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(byOps.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var view = await s.Host.GetConversationAsync("conv-override-refused");
        Assert.That(view.GetProperty("held").EnumerateArray().Select(h => h.GetProperty("messageId").GetString()), Is.EqualTo(new[] { messageId }));
        using var status = await s.Host.Http.GetAsync($"api/agent/override-requests/{requestId}");
        Assert.That((await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("pending"));
        Assert.That(s.Channel.TextsFor("conv-override-refused"), Has.None.Contain("Evergreen"));
    }

    [Test]
    public async Task OverrideApproval_BySupervisor_ReleasesToTheChannel_AndAuditsMaskedJustificationAndApprover()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        const string conversation = "conv-override-approved";
        var messageId = await HoldAddressReplyAsync(s, conversation);
        var requestId = await RequestOverrideAsync(s, conversation, messageId);
        using var supervisor = ApiClients.For(s.Host, ApiClients.SupervisorKey);
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);

        using var approve = await supervisor.PostAsJsonAsync($"api/agent/override-requests/{requestId}/approve", new { supervisorId = "sup-1" });

        Assert.That(approve.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approve.Content.ReadAsStringAsync());
        var approved = await approve.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(approved.GetProperty("status").GetString(), Is.EqualTo("approved"));
        Assert.That(approved.GetProperty("delivery").GetString(), Is.EqualTo("delivered"));
        var released = await s.Channel.WaitForAsync(a => a.Conversation?.Id == conversation && a.Text == AddressReply);
        Assert.That(released, Is.Not.Null);
        var view = await s.Host.GetConversationAsync(conversation);
        Assert.That(view.GetProperty("held").GetArrayLength(), Is.EqualTo(0));

        var audit = await (await ops.GetAsync($"api/ops/audit?conversationId={conversation}&limit=50")).Content.ReadFromJsonAsync<JsonElement>();
        var records = audit.EnumerateArray().ToList();
        var requested = records.Single(r => r.GetProperty("action").GetString() == "override.requested");
        var approval = records.Single(r => r.GetProperty("action").GetString() == "override.approved");
        var release = records.Single(r => r.GetProperty("action").GetString() == "released.override");
        Assert.That(requested.GetProperty("actor").GetString(), Is.EqualTo("agent-7"));
        Assert.That(approval.GetProperty("actor").GetString(), Is.EqualTo("sup-1"));
        Assert.That(release.GetProperty("actor").GetString(), Is.EqualTo("sup-1"));
        Assert.That(release.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()), Does.Contain($"override-request:{requestId}"));
        var masked = approval.GetProperty("maskedPreview").GetString()!;
        Assert.That(masked, Does.StartWith("Customer passed phone ID check, callback").And.Contain("ticket"));
        Assert.That(masked, Does.Not.Match("[0-9]").And.Not.Contain("Evergreen"));
        // Hashes and ids are hex, so digits are only looked for in the previews.
        Assert.That(audit.GetRawText(), Does.Not.Contain("Evergreen"));
        Assert.That(records.Select(r => r.GetProperty("maskedPreview").GetString() ?? string.Empty), Has.None.Contain("0142").And.None.Contain("97403"));
    }

    [Test]
    public async Task OverrideApproval_MessageWithCardNumber_IsReleasedWithTheCardStillRedacted()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        const string conversation = "conv-override-card";
        await s.CustomerSaysAsync(conversation, "Hello, question about my order");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        var sent = await s.Host.SendAgentMessageAsync(conversation, "We ship to 742 Evergreen Terrace and charged card 4111 1111 1111 1111.");
        Assert.That(sent.GetProperty("status").GetString(), Is.EqualTo("held"));
        var requestId = await RequestOverrideAsync(s, conversation, sent.GetProperty("messageId").GetString()!);
        using var supervisor = ApiClients.For(s.Host, ApiClients.SupervisorKey);

        using var approve = await supervisor.PostAsJsonAsync($"api/agent/override-requests/{requestId}/approve", new { supervisorId = "sup-1" });

        var approved = await approve.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(approved.GetProperty("delivery").GetString(), Is.EqualTo("redacted"));
        var delivered = await s.Channel.WaitForAsync(a => a.Conversation?.Id == conversation && a.Text?.Contains("Evergreen", StringComparison.Ordinal) == true);
        Assert.That(delivered.Text, Does.Not.Contain("4111 1111 1111 1111"));
    }

    [Test]
    public async Task OverrideRequest_BadJustificationOrUnknownMessage_IsRefusedWithReason()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        var messageId = await HoldAddressReplyAsync(s, "conv-override-bad");
        using var supervisor = ApiClients.For(s.Host, ApiClients.SupervisorKey);

        using var tooShort = await s.Host.Http.PostAsJsonAsync($"api/agent/conversations/conv-override-bad/held/{messageId}/override-requests", new { agentId = "agent-7", justification = "urgent" });
        using var tooLong = await s.Host.Http.PostAsJsonAsync($"api/agent/conversations/conv-override-bad/held/{messageId}/override-requests", new { agentId = "agent-7", justification = new string('x', 1001) });
        using var unknown = await s.Host.Http.PostAsJsonAsync("api/agent/conversations/conv-override-bad/held/held-nope/override-requests", new { agentId = "agent-7", justification = "A good enough reason here." });
        using var bySupervisor = await supervisor.PostAsJsonAsync($"api/agent/conversations/conv-override-bad/held/{messageId}/override-requests", new { agentId = "sup-1", justification = "A good enough reason here." });

        Assert.That(tooShort.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await tooShort.Content.ReadAsStringAsync(), Does.Contain("justification"));
        Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(bySupervisor.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task OverrideRejected_MessageStaysHeld_AndTheRejectionIsAudited()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        const string conversation = "conv-override-rejected";
        var messageId = await HoldAddressReplyAsync(s, conversation);
        var requestId = await RequestOverrideAsync(s, conversation, messageId);
        using var supervisor = ApiClients.For(s.Host, ApiClients.SupervisorKey);
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);

        using var reject = await supervisor.PostAsJsonAsync($"api/agent/override-requests/{requestId}/reject", new { supervisorId = "sup-2" });
        using var approveAfter = await supervisor.PostAsJsonAsync($"api/agent/override-requests/{requestId}/approve", new { supervisorId = "sup-2" });

        Assert.That(reject.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(approveAfter.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await s.Host.GetConversationAsync(conversation)).GetProperty("held").GetArrayLength(), Is.EqualTo(1));
        var audit = await ops.GetFromJsonAsync<JsonElement>($"api/ops/audit?conversationId={conversation}");
        var rejection = audit.EnumerateArray().Single(r => r.GetProperty("action").GetString() == "override.rejected");
        Assert.That(rejection.GetProperty("actor").GetString(), Is.EqualTo("sup-2"));
    }

    [Test]
    public async Task FalsePositive_ReportedByAgent_IsListedForOpsWithRuleAndMaskedPreviewOnly()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        const string conversation = "conv-false-positive";
        var messageId = await HoldAddressReplyAsync(s, conversation);
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);

        using var report = await s.Host.Http.PostAsJsonAsync(
            $"api/agent/conversations/{conversation}/held/{messageId}/false-positive",
            new { agentId = "agent-7", note = "Only the street 742 Evergreen, customer said it first" });
        using var list = await ops.GetAsync("api/ops/false-positives");

        Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await list.Content.ReadAsStringAsync();
        var item = JsonDocument.Parse(body).RootElement.EnumerateArray().Single();
        Assert.That(item.GetProperty("messageId").GetString(), Is.EqualTo(messageId));
        Assert.That(item.GetProperty("agentId").GetString(), Is.EqualTo("agent-7"));
        var rules = item.GetProperty("rules").EnumerateArray().ToList();
        Assert.That(rules.Select(r => r.GetProperty("type").GetString()), Does.Contain("ADDRESS"));
        Assert.That(rules.Select(r => r.GetProperty("policyRule").GetString()), Does.Contain("outgoing.unverified.hold"));
        Assert.That(rules.All(r => !string.IsNullOrEmpty(r.GetProperty("rule").GetString())), Is.True);
        Assert.That(item.GetProperty("entityTypes").EnumerateArray().Select(t => t.GetString()), Does.Contain("ADDRESS"));
        Assert.That(item.GetProperty("maskedPreview").GetString(), Does.StartWith("Your address on file is <"));
        Assert.That(body, Does.Not.Contain("Evergreen").And.Not.Contain("97403"));
        Assert.That(item.GetProperty("maskedPreview").GetString() + item.GetProperty("maskedNote").GetString(), Does.Not.Match("[0-9]"));
    }

    [Test]
    public async Task Keys_EachRoleOnlyOpensItsOwnCalls()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        await s.CustomerSaysAsync("conv-keys", "hello");
        using var supervisor = ApiClients.For(s.Host, ApiClients.SupervisorKey);
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);
        using var anonymous = ApiClients.For(s.Host, null);

        foreach (var path in new[] { "api/ops/false-positives", "api/ops/audit", "api/ops/rules/status" })
        {
            using var byAgent = await s.Host.Http.GetAsync(path);
            using var bySupervisor = await supervisor.GetAsync(path);
            using var byNobody = await anonymous.GetAsync(path);
            Assert.That(byAgent.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), path);
            Assert.That(bySupervisor.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), path);
            Assert.That(byNobody.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), path);
        }

        using var opsOnAgent = await ops.GetAsync("api/agent/conversations/conv-keys");
        using var opsSends = await ops.PostAsJsonAsync("api/agent/conversations/conv-keys/messages", new { agentId = "ops-1", text = "hi" });
        using var supervisorSends = await supervisor.PostAsJsonAsync("api/agent/conversations/conv-keys/messages", new { agentId = "sup-1", text = "hi" });
        using var supervisorReads = await supervisor.GetAsync("api/agent/conversations/conv-keys");
        using var rules = await ops.GetAsync("api/ops/rules/status");
        using var badLimit = await ops.GetAsync("api/ops/audit?limit=0");

        Assert.That(opsOnAgent.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(opsSends.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(supervisorSends.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(supervisorReads.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(rules.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await rules.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("source").GetString(), Is.Not.Empty);
        Assert.That(badLimit.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task AuditVerify_OnTheHostsFile_IsIntactUntilARowIsTampered()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        var messageId = await HoldAddressReplyAsync(s, "conv-audit-verify");
        await RequestOverrideAsync(s, "conv-audit-verify", messageId);
        using (var ops = ApiClients.For(s.Host, ApiClients.OpsKey))
        {
            var live = await ops.GetFromJsonAsync<JsonElement>("api/ops/audit/verify");
            Assert.That(live.GetProperty("isIntact").GetBoolean(), Is.True);
        }

        await s.Host.DisposeAsync();
        var db = Path.Combine(s.Folder, "supportshield.db");
        var intact = Cli("audit", "verify", "--db", db);
        long heldId;
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var find = connection.CreateCommand();
            find.CommandText = "SELECT id FROM audit_records WHERE action = 'held' ORDER BY id LIMIT 1;";
            heldId = (long)find.ExecuteScalar()!;
            using var tamper = connection.CreateCommand();
            tamper.CommandText = $"DROP TRIGGER audit_records_no_update; UPDATE audit_records SET action = 'delivered' WHERE id = {heldId};";
            tamper.ExecuteNonQuery();
        }

        var broken = Cli("audit", "verify", "--db", db);
        var missing = Cli("audit", "verify", "--db", Path.Combine(s.Folder, "nope.db"));
        await s.RestartHostAsync();

        Assert.That(intact.Code, Is.EqualTo(0), intact.Out + intact.Error);
        Assert.That(intact.Out, Does.Contain("intact"));
        Assert.That(broken.Code, Is.EqualTo(1));
        Assert.That(broken.Out, Does.Contain($"record {heldId}").And.Contain("content changed"));
        Assert.That(missing.Code, Is.EqualTo(2));
    }

    private static async Task<string> HoldAddressReplyAsync(EndToEndScenario s, string conversation)
    {
        await s.CustomerSaysAsync(conversation, "Hi, I'm Jane Doe. What address do you have for me?");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        var sent = await s.Host.SendAgentMessageAsync(conversation, AddressReply);
        Assert.That(sent.GetProperty("status").GetString(), Is.EqualTo("held"));
        return sent.GetProperty("messageId").GetString()!;
    }

    private static async Task<string> RequestOverrideAsync(EndToEndScenario s, string conversation, string messageId)
    {
        using var response = await s.Host.Http.PostAsJsonAsync(
            $"api/agent/conversations/{conversation}/held/{messageId}/override-requests",
            new { agentId = "agent-7", justification = Justification });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("pending"));
        Assert.That(body.GetProperty("maskedJustification").GetString(), Does.Not.Match("[0-9]"));
        return body.GetProperty("requestId").GetString()!;
    }

    private static (int Code, string Out, string Error) Cli(params string[] args)
    {
        using var input = new StringReader(string.Empty);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = SupportShield.Cli.Program.Run(args, input, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
