using System.Text.Json.Nodes;
using SupportShield.Deployment.Tests.Support;

namespace SupportShield.Deployment.Tests;

/// <summary>The committed main.json declares every required resource, hardened as the issue asks.</summary>
public sealed class TemplateResourceTests
{
    private JsonObject _template = null!;
    private IReadOnlyList<JsonObject> _resources = null!;

    [OneTimeSetUp]
    public void Load()
    {
        _template = ArmTemplate.Load("main.json");
        _resources = ArmTemplate.Resources(_template);
    }

    [Test]
    public void Bot_HasWebChatDirectLineAndTeamsChannels()
    {
        var bot = ArmTemplate.Single(_resources, "Microsoft.BotService/botServices");
        var channels = _resources
            .Where(r => (string?)r["type"] == "Microsoft.BotService/botServices/channels")
            .Select(r => (string?)r["properties"]?["channelName"])
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(channels, Is.EquivalentTo(new[] { "WebChatChannel", "DirectLineChannel", "MsTeamsChannel" }));
            Assert.That((string?)bot["properties"]?["msaAppType"], Is.EqualTo("SingleTenant"));
            Assert.That((string?)bot["properties"]?["endpoint"], Does.Contain("/api/messages"));
        });
    }

    [Test]
    public void AppServicePlan_IsLinux_WithAtLeastTwoInstances()
    {
        var plan = ArmTemplate.Single(_resources, "Microsoft.Web/serverfarms");
        var instanceCount = _template["parameters"]!["instanceCount"]!;

        Assert.Multiple(() =>
        {
            Assert.That((string?)plan["kind"], Is.EqualTo("linux"));
            Assert.That((bool?)plan["properties"]?["reserved"], Is.True);
            Assert.That((string?)plan["sku"]?["capacity"], Is.EqualTo("[parameters('instanceCount')]"));
            Assert.That((int?)instanceCount["minValue"], Is.GreaterThanOrEqualTo(2));
            Assert.That((int?)instanceCount["defaultValue"], Is.GreaterThanOrEqualTo(2));
        });
    }

    [Test]
    public void WebApp_RunsDotNet10_HttpsOnly_Tls12_NoFtp_WithSystemIdentity()
    {
        var site = ArmTemplate.Single(_resources, "Microsoft.Web/sites");
        var config = site["properties"]!["siteConfig"]!;
        var ftp = _resources.Single(r => (string?)r["type"] == "Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Multiple(() =>
        {
            Assert.That((string?)site["identity"]?["type"], Is.EqualTo("SystemAssigned"));
            Assert.That((bool?)site["properties"]?["httpsOnly"], Is.True);
            Assert.That((string?)config["linuxFxVersion"], Is.EqualTo("DOTNETCORE|10.0"));
            Assert.That((string?)config["minTlsVersion"], Is.EqualTo("1.2"));
            Assert.That((string?)config["scmMinTlsVersion"], Is.EqualTo("1.2"));
            Assert.That((string?)config["ftpsState"], Is.EqualTo("Disabled"));
            Assert.That((bool?)ftp["properties"]?["allow"], Is.False);
        });
    }

    [Test]
    public void PostgreSql_HasNoPublicAccess()
    {
        var postgres = ArmTemplate.Single(_resources, "Microsoft.DBforPostgreSQL/flexibleServers");

        Assert.Multiple(() =>
        {
            Assert.That((string?)postgres["properties"]?["network"]?["publicNetworkAccess"], Is.EqualTo("Disabled"));
            Assert.That((string?)postgres["properties"]?["network"]?["delegatedSubnetResourceId"], Is.Not.Null.And.Not.Empty);
            Assert.That(_resources.Any(r => (string?)r["type"] == "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules"), Is.False);
        });
    }

    [Test]
    public void Redis_HasNonSslPortOff_AndTls12()
    {
        var redis = ArmTemplate.Single(_resources, "Microsoft.Cache/redis");

        Assert.Multiple(() =>
        {
            Assert.That((bool?)redis["properties"]?["enableNonSslPort"], Is.False);
            Assert.That((string?)redis["properties"]?["minimumTlsVersion"], Is.EqualTo("1.2"));
        });
    }

    [Test]
    public void KeyVault_UsesRbacAuthorization()
    {
        var vault = ArmTemplate.Single(_resources, "Microsoft.KeyVault/vaults");

        Assert.Multiple(() =>
        {
            Assert.That((bool?)vault["properties"]?["enableRbacAuthorization"], Is.True);
            Assert.That((bool?)vault["properties"]?["enablePurgeProtection"], Is.True);
        });
    }

    [Test]
    public void ApplicationInsights_IsWorkspaceBased()
    {
        var insights = ArmTemplate.Single(_resources, "Microsoft.Insights/components");
        ArmTemplate.Single(_resources, "Microsoft.OperationalInsights/workspaces");

        Assert.That((string?)insights["properties"]?["WorkspaceResourceId"], Does.Contain("Microsoft.OperationalInsights/workspaces"));
    }

    [Test]
    public void SecretParameters_AreSecure_AndNoOutputCarriesASecret()
    {
        var parameters = _template["parameters"]!.AsObject();
        string[] secretNames = ["botAppPassword", "postgresAdminPassword", "securityHashKey", "agentApiKey", "supervisorApiKey", "opsApiKey", "smtpPassword", "twilioAuthToken", "identitySigningKey"];
        var secure = parameters.Where(p => (string?)p.Value!["type"] == "securestring").Select(p => p.Key).ToList();
        var outputs = _template["outputs"]!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(secure, Is.EquivalentTo(secretNames));
            foreach (var (name, output) in outputs)
            {
                var value = output!.ToJsonString();
                Assert.That((string?)output["type"], Is.Not.EqualTo("securestring").And.Not.EqualTo("secureObject"), name);
                Assert.That(value, Does.Not.Contain("listKeys").And.Not.Contain("ConnectionString").And.Not.Contain("InstrumentationKey"), name);
                foreach (var secret in secretNames)
                {
                    Assert.That(value, Does.Not.Contain($"parameters('{secret}')"), name);
                }
            }
        });
    }
}
