using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportShield.Bot.Rules;
using SupportShield.Bot.Screening;
using SupportShield.Bot.Tests.Support;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Policy;

namespace SupportShield.Bot.Tests.Rules;

public sealed class RulesServiceCollectionExtensionsTests
{
    private const string Rules = "policy:\n  - id: out.hold\n    action: hold\n    reason: held\ndeny:\n  - id: deny.codename\n    type: PASSWORD_OR_SECRET\n    literal: falcon override\n";

    [Test]
    public async Task AddSupportShieldScreening_NoRulesFile_UsesBundledDefault()
    {
        using var host = BuildHost([]);
        await host.StartAsync();

        var provider = host.Services.GetRequiredService<RulesProvider>();
        var engines = host.Services.GetRequiredService<IDetectionEngineSource>();

        Assert.That(provider.Status.Source, Is.EqualTo(Detection.Rules.RulesLoader.DefaultSourceName));
        Assert.That(engines.Current.Analyze(new AnalysisRequest("call me on (415) 555-0132")).Findings, Is.Not.Empty);
        await host.StopAsync();
    }

    [Test]
    public async Task AddSupportShieldScreening_RulesFile_EngineFollowsReloads()
    {
        using var folder = new TemporaryFolder();
        var file = folder.WriteFile("rules.yaml", Rules);
        using var host = BuildHost(new() { ["SupportShield:Rules:File"] = file, ["SupportShield:Rules:PollInterval"] = "01:00:00" });
        await host.StartAsync();
        var engines = host.Services.GetRequiredService<IDetectionEngineSource>();
        AnalysisResult Analyze(string text) => engines.Current.Analyze(new AnalysisRequest(text) { CustomerVerified = true });
        var findings = Analyze("try the falcon override").Findings;
        var before = Analyze("try the falcon override").Decision.Action;

        File.WriteAllText(file, Rules.Replace("action: hold", "action: block", StringComparison.Ordinal).Replace("falcon override", "eagle mode", StringComparison.Ordinal));
        host.Services.GetRequiredService<RulesProvider>().Reload();

        Assert.That(findings.Select(f => f.RuleId), Is.EqualTo(new[] { "deny.codename" }));
        Assert.That(before, Is.EqualTo(PolicyAction.Hold));
        Assert.That(Analyze("try the falcon override").Findings, Is.Empty);
        Assert.That(Analyze("try eagle mode").Decision.Action, Is.EqualTo(PolicyAction.Block));
        await host.StopAsync();
    }

    [Test]
    public void AddSupportShieldScreening_BrokenRulesFile_FailsStartupWithTheLine()
    {
        using var folder = new TemporaryFolder();
        var file = folder.WriteFile("rules.yaml", "policy:\n  - id: a\n    action: hold\n    reason: r\n    tipes: [PHONE]\n");
        using var host = BuildHost(new() { ["SupportShield:Rules:File"] = file });

        var exception = Assert.ThrowsAsync<InvalidDataException>(() => host.StartAsync());

        Assert.That(exception!.Message, Does.Contain(file).And.Contain("line 5").And.Contain("unknown key 'tipes'"));
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        return TestHost.Build(settings, (services, configuration) => services.AddSupportShieldScreening(configuration));
    }
}
