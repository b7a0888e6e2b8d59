using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SupportShield.Detection.Rules;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests;

/// <summary>The ops API behind the ops console: rules status and text, validate, save, test box, dry run and counters.</summary>
[NonParallelizable]
public sealed class OpsConsoleApiTests
{
    private const string EmailOn = "  EMAIL: { enabled: true }";
    private const string AgentEmail = "Sure, I have written to jane.doe@example.com for you.";

    private static string EmailOff => RulesLoader.DefaultYaml.Replace(EmailOn, "  EMAIL: { enabled: false }", StringComparison.Ordinal);

    private static string Misspelt => RulesLoader.DefaultYaml.Replace(EmailOn, "  EMAIL: { enabled: false, treshold: 0.7 }", StringComparison.Ordinal);

    private static int EmailLine => RulesLoader.DefaultYaml.Split('\n').ToList().FindIndex(l => l.TrimEnd('\r') == EmailOn) + 1;

    [Test]
    public async Task Rules_OnTheBundledDefault_ShowOriginTextAndVersion()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);

        var rules = await ops.GetFromJsonAsync<JsonElement>("api/ops/rules");

        Assert.That(rules.GetProperty("origin").GetString(), Is.EqualTo("bundled default"));
        Assert.That(rules.GetProperty("text").GetString(), Is.EqualTo(RulesLoader.DefaultYaml));
        Assert.That(rules.GetProperty("status").GetProperty("sha256").GetString(), Has.Length.EqualTo(64));
        Assert.That(rules.GetProperty("saveTo").GetString(), Is.EqualTo(Path.Combine(s.Folder, "rules.yaml")));
    }

    [Test]
    public async Task Validate_RulesWithMistakes_ListsEachWithItsLine_AndValidRulesGetASummary()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);

        var misspelt = await (await ops.PostAsJsonAsync("api/ops/rules/validate", new { yaml = Misspelt })).Content.ReadFromJsonAsync<JsonElement>();
        using var yamlBody = await ops.PostAsync("api/ops/rules/validate", new StringContent("threshold: 1.5\npolicy: [\n", Encoding.UTF8, "application/yaml"));
        var malformed = await yamlBody.Content.ReadFromJsonAsync<JsonElement>();
        var valid = await (await ops.PostAsJsonAsync("api/ops/rules/validate", new { yaml = EmailOff })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(misspelt.GetProperty("valid").GetBoolean(), Is.False);
        var error = misspelt.GetProperty("errors").EnumerateArray().Single();
        Assert.That(error.GetProperty("line").GetInt32(), Is.EqualTo(EmailLine));
        Assert.That(error.GetProperty("column").GetInt32(), Is.GreaterThan(1));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("treshold"));
        Assert.That(yamlBody.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(malformed.GetProperty("valid").GetBoolean(), Is.False);
        Assert.That(malformed.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()), Is.Not.Empty);
        Assert.That(valid.GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(valid.GetProperty("summary").GetProperty("disabledTypes").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "EMAIL" }));
    }

    [Test]
    public async Task Save_WithMistakes_Is400WithLineErrorsAndSavesNothing()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);

        using var response = await ops.PutAsJsonAsync("api/ops/rules", new { yaml = Misspelt });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var rules = await ops.GetFromJsonAsync<JsonElement>("api/ops/rules");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("errors").EnumerateArray().Single().GetProperty("line").GetInt32(), Is.EqualTo(EmailLine));
        Assert.That(File.Exists(Path.Combine(s.Folder, "rules.yaml")), Is.False);
        Assert.That(rules.GetProperty("origin").GetString(), Is.EqualTo("bundled default"));
    }

    [Test]
    public async Task Save_OnTheBundledDefault_WritesTheDataFolderFile_TakesEffect_IsAudited_AndSurvivesARestart()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        using (var ops = ApiClients.For(s.Host, ApiClients.OpsKey))
        {
            var before = await Explain(ops, new { text = AgentEmail, role = "agent" });

            using var saved = await ops.PutAsync("api/ops/rules", new StringContent(EmailOff, Encoding.UTF8, "application/yaml"));
            var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
            var after = await Explain(ops, new { text = AgentEmail, role = "agent" });
            var audit = await ops.GetFromJsonAsync<JsonElement>("api/ops/audit?conversationId=ops");

            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("path").GetString(), Is.EqualTo(Path.Combine(s.Folder, "rules.yaml")));
            Assert.That(File.ReadAllText(Path.Combine(s.Folder, "rules.yaml")), Is.EqualTo(EmailOff));
            Assert.That(before.GetProperty("decision").GetProperty("action").GetString(), Is.EqualTo("hold"));
            Assert.That(after.GetProperty("decision").GetProperty("action").GetString(), Is.EqualTo("allow"));
            var change = audit.EnumerateArray().Single(r => r.GetProperty("action").GetString() == "rules.changed");
            Assert.That(change.GetProperty("actor").GetString(), Does.StartWith("ops-key-").And.Not.Contain(ApiClients.OpsKey));
            Assert.That(change.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()), Does.Contain("rules.sha256:" + body.GetProperty("sha256").GetString()));
            Assert.That(audit.GetRawText(), Does.Not.Contain("enabled"));
        }

        await s.RestartHostAsync();
        using var again = ApiClients.For(s.Host, ApiClients.OpsKey);
        var rules = await again.GetFromJsonAsync<JsonElement>("api/ops/rules");
        Assert.That(rules.GetProperty("origin").GetString(), Is.EqualTo("file"));
        Assert.That(rules.GetProperty("text").GetString(), Is.EqualTo(EmailOff));
    }

    [Test]
    public async Task Save_WithAConfiguredFile_ReplacesThatFile()
    {
        var file = Path.Combine(Path.GetTempPath(), "supportshield-e2e-rules-" + Guid.NewGuid().ToString("N"), "rules.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, RulesLoader.DefaultYaml);
        try
        {
            await using var s = await EndToEndScenario.StartAsync(settings =>
            {
                ApiClients.Configure(settings);
                settings["SupportShield:Rules:File"] = file;
            });
            using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);

            using var saved = await ops.PutAsJsonAsync("api/ops/rules", new { yaml = EmailOff });

            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(File.ReadAllText(file), Is.EqualTo(EmailOff));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(file)!), Is.EqualTo(new[] { file }));
            Assert.That(File.Exists(Path.Combine(s.Folder, "rules.yaml")), Is.False);
            var after = await Explain(ops, new { text = AgentEmail, role = "agent" });
            Assert.That(after.GetProperty("decision").GetProperty("action").GetString(), Is.EqualTo("allow"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Test]
    public async Task Explain_ShowsFindingsMaskedIntentAndDecision_ForRulesInForceOrACandidate()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);

        var customer = await Explain(ops, new { text = "what is the email on my account? mine was jane.doe@example.com" });
        var candidate = await Explain(ops, new { text = AgentEmail, role = "agent", rules = EmailOff });
        var verified = await Explain(ops, new { text = AgentEmail, role = "agent", verified = true });

        Assert.That(customer.GetProperty("role").GetString(), Is.EqualTo("customer"));
        Assert.That(customer.GetProperty("intent").GetProperty("intent").GetString(), Is.EqualTo("REQUEST_PII"));
        var finding = customer.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("type").GetString() == "EMAIL");
        Assert.That(finding.GetProperty("preview").GetString(), Does.Not.Contain("jane").And.Contain("@"));
        Assert.That(finding.GetProperty("rule").GetString(), Is.Not.Empty);
        Assert.That(customer.GetProperty("maskedText").GetString(), Does.Contain("<EMAIL>").And.Not.Contain("jane"));
        Assert.That(customer.GetProperty("asOutgoing").GetProperty("action").GetString(), Is.EqualTo("hold"));
        Assert.That(candidate.GetProperty("rules").GetString(), Is.EqualTo("candidate"));
        Assert.That(candidate.GetProperty("decision").GetProperty("action").GetString(), Is.EqualTo("allow"));
        Assert.That(candidate.GetProperty("intent").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(verified.GetProperty("decision").GetProperty("action").GetString(), Is.Not.EqualTo("hold"));
    }

    [TestCase("{\"text\": \"\"}", "'text' is required")]
    [TestCase("{\"text\": \"hi\", \"role\": \"alien\"}", "'role' must be")]
    [TestCase("{\"text\": \"hi\", \"rules\": \"treshold: 1\"}", "candidate rules have errors")]
    [TestCase("{not json", "not valid JSON")]
    public async Task Explain_BadInput_Is400WithAReason(string json, string reason)
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);

        using var response = await ops.PostAsync("api/ops/explain", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), Does.Contain(reason));
    }

    [Test]
    public async Task DryRun_ListsTheMessagesWhoseDecisionChanges_WithMaskedPreviewsAndTotals()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);
        var corpus = string.Join('\n',
            Line("m1", AgentEmail, "agent"),
            Line("m2", "Your parcel is on its way.", "agent"),
            Line("m3", "my email is jane.doe@example.com", null),
            string.Empty);

        using var response = await ops.PostAsJsonAsync("api/ops/rules/dry-run", new { rules = EmailOff, corpus });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("lines").GetInt32(), Is.EqualTo(3));
        Assert.That(body.GetProperty("changed").GetInt32(), Is.GreaterThanOrEqualTo(1));
        Assert.That(body.GetProperty("newlyReleased").GetInt32(), Is.EqualTo(1));
        Assert.That(body.GetProperty("newlyHeld").GetInt32(), Is.EqualTo(0));
        var m1 = body.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "m1");
        Assert.That(m1.GetProperty("line").GetInt32(), Is.EqualTo(1));
        Assert.That(m1.GetProperty("before").GetProperty("action").GetString(), Is.EqualTo("hold"));
        Assert.That(m1.GetProperty("before").GetProperty("types").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "EMAIL" }));
        Assert.That(m1.GetProperty("after").GetProperty("action").GetString(), Is.EqualTo("allow"));
        Assert.That(body.GetRawText(), Does.Not.Contain("jane"));
    }

    [Test]
    public async Task DryRun_CorpusWithBadLines_Is400NamingEachLine()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);
        var corpus = Line("ok", "hello", null) + "\n{\"id\": \"x\"}\nnot json jane.doe@example.com\n";

        using var response = await ops.PostAsJsonAsync("api/ops/rules/dry-run", new { rules = EmailOff, corpus });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("lineErrors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()), Is.EqualTo(new[] { 2, 3 }));
        Assert.That(body.GetRawText(), Does.Not.Contain("jane"));
    }

    [Test]
    public async Task DryRun_And_Save_OversizeOrMissingInput_AreRefused()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);
        var bigCorpus = string.Concat(Enumerable.Repeat(Line("id", new string('a', 1000), null) + "\n", 5300));

        using var corpusTooBig = await ops.PostAsJsonAsync("api/ops/rules/dry-run", new { rules = EmailOff, corpus = bigCorpus });
        using var rulesTooBig = await ops.PutAsync("api/ops/rules", new StringContent("# " + new string('x', 600 * 1024), Encoding.UTF8, "application/yaml"));
        using var noCorpus = await ops.PostAsJsonAsync("api/ops/rules/dry-run", new { rules = EmailOff });
        using var badRules = await ops.PostAsJsonAsync("api/ops/rules/dry-run", new { rules = "policy: [", corpus = Line("a", "b", null) });
        using var empty = await ops.PutAsync("api/ops/rules", new StringContent("  ", Encoding.UTF8, "application/yaml"));

        Assert.That(corpusTooBig.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await corpusTooBig.Content.ReadAsStringAsync(), Does.Contain("larger than 5 MB"));
        Assert.That(rulesTooBig.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(noCorpus.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(badRules.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await badRules.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(File.Exists(Path.Combine(s.Folder, "rules.yaml")), Is.False);
    }

    [Test]
    public async Task Counters_CountTheHeldMessageOfAScenario_FromTheAuditLog()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);
        const string conversation = "conv-counters";
        await s.CustomerSaysAsync(conversation, "Hello, where is my parcel?");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        var sent = await s.Host.SendAgentMessageAsync(conversation, "We ship to 742 Evergreen Terrace.");
        Assert.That(sent.GetProperty("status").GetString(), Is.EqualTo("held"));
        (await s.Host.StartVerificationAsync(conversation)).Dispose();
        await s.WaitForCodeAsync("jane.doe@example.com");

        var hour = await ops.GetFromJsonAsync<JsonElement>("api/ops/counters?period=1h");
        using var bad = await ops.GetAsync("api/ops/counters?period=30d");

        Assert.That(hour.GetProperty("period").GetString(), Is.EqualTo("1h"));
        Assert.That(hour.GetProperty("messages").GetProperty("held").GetInt64(), Is.EqualTo(1));
        // Screened: the customer's message, the agent's held message and the bot's own messages about the code.
        var audit = await ops.GetFromJsonAsync<JsonElement>($"api/ops/audit?conversationId={conversation}");
        var decided = audit.EnumerateArray().Count(r => r.GetProperty("action").GetString() is "received" or "delivered" or "redacted" or "held" or "blocked");
        Assert.That(decided, Is.GreaterThanOrEqualTo(3));
        Assert.That(hour.GetProperty("messages").GetProperty("screened").GetInt64(), Is.EqualTo(decided));
        Assert.That(hour.GetProperty("verifications").GetProperty("started").GetInt64(), Is.EqualTo(1));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task EveryNewEndpoint_RefusesCallsWithoutAnOpsKey_AndCookieChangesNeedTheConsoleHeader()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        using var agent = ApiClients.For(s.Host, BotHost.AgentKey);
        using var supervisor = ApiClients.For(s.Host, ApiClients.SupervisorKey);
        using var nobody = ApiClients.For(s.Host, null);
        var calls = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, "api/ops/rules", null),
            (HttpMethod.Post, "api/ops/rules/validate", new { yaml = EmailOff }),
            (HttpMethod.Put, "api/ops/rules", new { yaml = EmailOff }),
            (HttpMethod.Post, "api/ops/rules/dry-run", new { rules = EmailOff, corpus = Line("a", "b", null) }),
            (HttpMethod.Post, "api/ops/explain", new { text = "hello" }),
            (HttpMethod.Get, "api/ops/counters?period=1h", null),
        };

        foreach (var (method, path, body) in calls)
        {
            foreach (var client in new[] { agent, supervisor, nobody })
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                using var response = await client.SendAsync(request);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{method} {path}");
            }
        }

        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = s.Host.BaseAddress };
        using (var signIn = new HttpRequestMessage(HttpMethod.Post, "console/session") { Content = JsonContent.Create(new { key = ApiClients.OpsKey }) })
        {
            signIn.Headers.Add("X-SupportShield-Console", "1");
            (await browser.SendAsync(signIn)).Dispose();
        }

        using var read = await browser.GetAsync("api/ops/rules");
        using var forged = await browser.PutAsJsonAsync("api/ops/rules", new { yaml = EmailOff });
        using var console = new HttpRequestMessage(HttpMethod.Put, "api/ops/rules") { Content = JsonContent.Create(new { yaml = EmailOff }) };
        console.Headers.Add("X-SupportShield-Console", "1");
        using var saved = await browser.SendAsync(console);

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var audit = await ApiClients.For(s.Host, ApiClients.OpsKey).GetFromJsonAsync<JsonElement>("api/ops/audit?conversationId=ops");
        Assert.That(audit.EnumerateArray().Count(r => r.GetProperty("action").GetString() == "rules.changed"), Is.EqualTo(1));
    }

    private static async Task<JsonElement> Explain(HttpClient ops, object body)
    {
        using var response = await ops.PostAsJsonAsync("api/ops/explain", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Line(string id, string text, string? role) =>
        JsonSerializer.Serialize(role is null ? (object)new { id, text } : new { id, text, role });
}
