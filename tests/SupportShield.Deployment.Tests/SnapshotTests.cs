using System.Text.Json.Nodes;
using SupportShield.Deployment.Tests.Support;

namespace SupportShield.Deployment.Tests;

/// <summary>
/// Evaluates the template offline with `bicep snapshot` (every optional feature on, fake secrets) and checks the
/// resources it would deploy: app settings reference Key Vault for every secret, and the web app may read the vault.
/// </summary>
public sealed class SnapshotTests
{
    private const string KeyVaultSecretsUserRoleId = "4633458b-17de-408a-b874-0445c86b69e6";

    private static readonly Dictionary<string, string> Secrets = new(StringComparer.Ordinal)
    {
        ["botAppPassword"] = "SnapshotSecret-bot-7f3a",
        ["postgresAdminPassword"] = "SnapshotSecret-pg-7f3a",
        ["securityHashKey"] = "SnapshotSecret-hash-7f3a",
        ["agentApiKey"] = "SnapshotSecret-agent-7f3a",
        ["supervisorApiKey"] = "SnapshotSecret-supervisor-7f3a",
        ["opsApiKey"] = "SnapshotSecret-ops-7f3a",
        ["smtpPassword"] = "SnapshotSecret-smtp-7f3a",
        ["twilioAuthToken"] = "SnapshotSecret-twilio-7f3a",
        ["identitySigningKey"] = "SnapshotSecret-signing-7f3a",
    };

    private static readonly string[] SecretNameMarkers = ["Password", "Token", "Key", "Secret", "ConnectionString"];

    // Not a secret: the ingestion connection string only lets a client send telemetry (Microsoft documents it as non-secret).
    private static readonly string[] NotSecrets = ["APPLICATIONINSIGHTS_CONNECTION_STRING"];

    private string _snapshotText = null!;
    private IReadOnlyList<JsonObject> _resources = null!;

    [OneTimeSetUp]
    public async Task TakeSnapshot()
    {
        var directory = Directory.CreateTempSubdirectory("supportshield-bicep-");
        try
        {
            File.Copy(BicepCli.MainBicep, Path.Combine(directory.FullName, "main.bicep"));
            var lines = new List<string>
            {
                "using 'main.bicep'",
                "param baseName = 'supshield'",
                "param botAppId = '11111111-1111-1111-1111-111111111111'",
                "param smtpHost = 'smtp.example.com'",
                "param smtpFrom = 'no-reply@example.com'",
                "param smtpUsername = 'mailer'",
                "param twilioAccountSid = 'AC0000'",
                "param twilioFrom = '+15550000000'",
                "param identityIssuer = 'https://shop.example.com'",
                "param identityAudience = 'supportshield'",
            };
            lines.AddRange(Secrets.Select(s => $"param {s.Key} = '{s.Value}'"));
            await File.WriteAllLinesAsync(Path.Combine(directory.FullName, "test.bicepparam"), lines);

            var result = await BicepCli.RunAsync(
                directory.FullName,
                "snapshot", "test.bicepparam", "--mode", "overwrite",
                "--tenant-id", "00000000-0000-0000-0000-000000000001",
                "--subscription-id", "00000000-0000-0000-0000-000000000002",
                "--resource-group", "supportshield-rg",
                "--location", "westeurope");
            Assert.That(result.ExitCode, Is.Zero, result.ToString());

            _snapshotText = await File.ReadAllTextAsync(Path.Combine(directory.FullName, "test.snapshot.json"));
            _resources = JsonNode.Parse(_snapshotText)!["predictedResources"]!.AsArray().Select(r => r!.AsObject()).ToList();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void EverySecretNamedAppSetting_ReferencesKeyVault()
    {
        var settings = AppSettings();
        var secretNamed = settings
            .Where(s => SecretNameMarkers.Any(m => s.Key.Contains(m, StringComparison.OrdinalIgnoreCase)) && !NotSecrets.Contains(s.Key))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(secretNamed.Select(s => s.Key), Is.SupersetOf(new[]
            {
                "MicrosoftAppPassword",
                "SupportShield__Security__HashKey",
                "SupportShield__Identity__SigningKey",
                "SupportShield__Email__Smtp__Password",
                "SupportShield__Sms__Twilio__AuthToken",
                "SupportShield__Storage__Postgres__ConnectionString",
            }));
            foreach (var (name, value) in secretNamed)
            {
                Assert.That(value, Does.Contain("@Microsoft.KeyVault(SecretUri=https://"), name);
            }
        });
    }

    [Test]
    public void AppSettings_UseTheProjectsKeys()
    {
        var settings = AppSettings();

        Assert.Multiple(() =>
        {
            Assert.That(settings["SupportShield__Storage__Provider"], Is.EqualTo("Postgres"));
            Assert.That(settings["MicrosoftAppType"], Is.EqualTo("SingleTenant"));
            Assert.That(settings["MicrosoftAppId"], Is.EqualTo("11111111-1111-1111-1111-111111111111"));
            Assert.That(settings["MicrosoftAppTenantId"], Is.EqualTo("00000000-0000-0000-0000-000000000001"));
            Assert.That(settings["SupportShield__Email__Smtp__Host"], Is.EqualTo("smtp.example.com"));
            Assert.That(settings["SupportShield__DevChannel__Enabled"], Is.EqualTo("false"));
            Assert.That(settings["SupportShield__Notices__PublicBaseUrl"], Does.StartWith("https://"));
        });
    }

    [Test]
    public void EveryReferencedSecret_IsWrittenToTheVault_WhenItsParameterIsGiven()
    {
        var written = _resources
            .Where(r => (string?)r["type"] == "Microsoft.KeyVault/vaults/secrets")
            .Select(r => ((string)r["name"]!).Split('/')[1])
            .ToList();
        var referenced = AppSettings().Values
            .Where(v => v.Contains("@Microsoft.KeyVault(", StringComparison.Ordinal))
            .Select(v => v.Split('\'')[^2])
            .ToList();

        Assert.That(referenced, Is.EquivalentTo(written));
    }

    [Test]
    public void NoSecretValue_AppearsInTheEvaluatedDeployment()
    {
        foreach (var secret in Secrets.Values)
        {
            Assert.That(_snapshotText, Does.Not.Contain(secret));
        }
    }

    [Test]
    public void WebAppIdentity_IsGrantedKeyVaultSecretsUser_OnTheVault()
    {
        var grants = _resources
            .Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments")
            .Where(r => ((string?)r["properties"]?["roleDefinitionId"] ?? "").EndsWith(KeyVaultSecretsUserRoleId, StringComparison.Ordinal))
            .ToList();

        Assert.That(grants, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That((string?)grants[0]["id"], Does.Contain("/providers/Microsoft.KeyVault/vaults/"));
            Assert.That((string?)grants[0]["properties"]?["principalId"], Does.Contain("Microsoft.Web/sites/").And.Contain("identity.principalId"));
            Assert.That((string?)grants[0]["properties"]?["principalType"], Is.EqualTo("ServicePrincipal"));
        });
    }

    private Dictionary<string, string> AppSettings()
    {
        var config = _resources.Single(r => (string?)r["type"] == "Microsoft.Web/sites/config" && ((string?)r["name"] ?? "").EndsWith("/appsettings", StringComparison.Ordinal));
        return config["properties"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
    }
}
