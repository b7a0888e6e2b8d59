using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Rules;
using SupportShield.Bot.Tests.Support;
using SupportShield.Detection.Intent;
using SupportShield.Detection.Rules;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Security;
using SupportShield.Testing;

namespace SupportShield.Bot.Tests.Rules;

public sealed class RulesEditorTests
{
    private const string HoldAll = "policy:\n  - id: out.hold\n    direction: outgoing\n    action: hold\n    reason: held\n";
    private const string AllowAll = "policy:\n  - id: out.allow\n    direction: outgoing\n    action: allow\n    reason: fine\n";

    // Line 2 holds the misspelt key.
    private const string Misspelt = "version: 1\ntreshold: 0.5\n";

    private static RulesProvider Provider(string? file, string? savedFile) =>
        new(
            Options.Create(new RulesOptions { File = file, PollInterval = TimeSpan.FromMilliseconds(200), Debounce = TimeSpan.FromMilliseconds(50) }),
            new CustomerIntentClassifier(),
            NullLogger<RulesProvider>.Instance,
            TimeProvider.System,
            savedFile);

    private static RulesEditor Editor(RulesProvider provider, InMemoryAuditLog audit) =>
        new(provider, audit, new AuditRecordFactory(new KeyedHasher(new byte[32]), TimeProvider.System), NullLogger<RulesEditor>.Instance);

    [Test]
    public async Task Save_OnBundledDefault_WritesTheSavedFileSwitchesToItAndAuditsActorAndHash()
    {
        using var folder = new TemporaryFolder();
        var saved = Path.Combine(folder.Path, "data", "rules.yaml");
        using var provider = Provider(null, saved);
        var audit = new InMemoryAuditLog();
        using var editor = Editor(provider, audit);
        var before = provider.Status.Sha256;

        var result = await editor.SaveAsync(HoldAll, "ops-key-abc", CancellationToken.None);

        Assert.That(result.Saved, Is.True);
        Assert.That(File.ReadAllText(saved), Is.EqualTo(HoldAll));
        Assert.That(provider.FilePath, Is.EqualTo(Path.GetFullPath(saved)));
        Assert.That(provider.Status.Source, Is.EqualTo(Path.GetFullPath(saved)));
        Assert.That(provider.Status.Watching, Is.True);
        Assert.That(provider.Status.Sha256, Is.EqualTo(RulesText.Sha256(HoldAll)).And.Not.EqualTo(before));
        Assert.That(provider.Current.PolicyTable.Rules.Select(r => r.Id), Is.EqualTo(new[] { "out.hold" }));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(saved)!), Is.EqualTo(new[] { saved }), "no temporary file is left behind");
        var record = audit.All.Single();
        Assert.That(record.Action, Is.EqualTo("rules.changed"));
        Assert.That(record.Actor, Is.EqualTo("ops-key-abc"));
        Assert.That(record.RuleIds, Is.EqualTo(new[] { "rules.sha256:" + RulesText.Sha256(HoldAll), "rules.previous-sha256:" + before }));
        Assert.That(record.MaskedPreview, Is.Null);
    }

    [Test]
    public async Task Save_WithErrors_WritesNothingAndKeepsTheRulesInForce()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "rules.yaml");
        File.WriteAllText(file, HoldAll);
        using var provider = Provider(file, null);
        var audit = new InMemoryAuditLog();
        using var editor = Editor(provider, audit);

        var result = await editor.SaveAsync(Misspelt, "ops-key-abc", CancellationToken.None);

        Assert.That(result.Saved, Is.False);
        Assert.That(result.Errors.Select(e => e.Line), Does.Contain(2));
        Assert.That(File.ReadAllText(file), Is.EqualTo(HoldAll));
        Assert.That(provider.Status.Sha256, Is.EqualTo(RulesText.Sha256(HoldAll)));
        Assert.That(audit.All, Is.Empty);
    }

    [Test]
    public async Task Save_WithConfiguredFile_ReplacesItAndTheNewRulesAreInForceAtOnce()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "rules.yaml");
        File.WriteAllText(file, HoldAll);
        using var provider = Provider(file, Path.Combine(folder.Path, "elsewhere.yaml"));
        using var editor = Editor(provider, new InMemoryAuditLog());

        var result = await editor.SaveAsync(AllowAll, "ops-key-abc", CancellationToken.None);

        Assert.That(result.Saved, Is.True);
        Assert.That(result.Path, Is.EqualTo(Path.GetFullPath(file)));
        Assert.That(File.ReadAllText(file), Is.EqualTo(AllowAll));
        Assert.That(provider.Current.PolicyTable.Rules.Select(r => r.Id), Is.EqualTo(new[] { "out.allow" }));
        Assert.That(File.Exists(Path.Combine(folder.Path, "elsewhere.yaml")), Is.False);
    }

    [Test]
    public void Constructor_NoFileButASavedOne_UsesTheSavedRules()
    {
        using var folder = new TemporaryFolder();
        var saved = Path.Combine(folder.Path, "rules.yaml");
        File.WriteAllText(saved, HoldAll);

        using var provider = Provider(null, saved);

        Assert.That(provider.FilePath, Is.EqualTo(Path.GetFullPath(saved)));
        Assert.That(provider.TextInForce, Is.EqualTo(HoldAll));
        Assert.That(provider.Current.PolicyTable.Rules.Select(r => r.Id), Is.EqualTo(new[] { "out.hold" }));
    }

    [Test]
    public void Constructor_NoFileAndNoSavedOne_UsesTheBundledDefaultAndItsText()
    {
        using var folder = new TemporaryFolder();

        using var provider = Provider(null, Path.Combine(folder.Path, "rules.yaml"));

        Assert.That(provider.FilePath, Is.Null);
        Assert.That(provider.Status.Source, Is.EqualTo(RulesLoader.DefaultSourceName));
        Assert.That(provider.TextInForce, Is.EqualTo(RulesLoader.DefaultYaml));
        Assert.That(provider.Status.Sha256, Is.EqualTo(RulesText.Sha256(RulesLoader.DefaultYaml)));
    }

    [Test]
    public void SwitchTo_WhenAlreadyOnAFile_IsRefused()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "rules.yaml");
        File.WriteAllText(file, HoldAll);
        using var provider = Provider(file, null);

        Assert.Throws<InvalidOperationException>(() => provider.SwitchTo(file));
    }
}
