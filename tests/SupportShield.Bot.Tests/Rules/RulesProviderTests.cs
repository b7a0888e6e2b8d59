using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Rules;
using SupportShield.Bot.Tests.Support;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Intent;
using SupportShield.Detection.Policy;
using SupportShield.Detection.Rules;

namespace SupportShield.Bot.Tests.Rules;

public sealed class RulesProviderTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private const string HoldAll = "policy:\n  - id: out.hold\n    direction: outgoing\n    action: hold\n    reason: held\n";

    private const string WithCodename = HoldAll + "deny:\n  - id: deny.codename\n    type: PASSWORD_OR_SECRET\n    literal: falcon override\n";

    // Line 3 holds the unknown action.
    private const string BrokenAction = "policy:\n  - id: out.hold\n    action: drop\n    reason: held\n";

    private static RulesProvider Create(string? file, TimeSpan? poll = null, bool notifications = true) =>
        new(
            Options.Create(new RulesOptions
            {
                File = file,
                PollInterval = poll ?? TimeSpan.FromMilliseconds(200),
                Debounce = TimeSpan.FromMilliseconds(50),
                UseChangeNotifications = notifications,
            }),
            new CustomerIntentClassifier(),
            NullLogger<RulesProvider>.Instance,
            TimeProvider.System);

    private static bool FindsCodename(RulesProvider provider) =>
        provider.Detector.Detect("try the falcon override").Any(f => f.RuleId == "deny.codename");

    private static bool WaitFor(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < until)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return condition();
    }

    [Test]
    public void Constructor_NoFile_UsesBundledDefault()
    {
        using var provider = Create(null);

        Assert.That(provider.Status.Source, Is.EqualTo(RulesLoader.DefaultSourceName));
        Assert.That(provider.Status.Watching, Is.False);
        Assert.That(provider.Current.PolicyTable.Rules.Select(r => r.Id), Is.EqualTo(PolicyTable.Default.Rules.Select(r => r.Id)));
        Assert.That(provider.Reload(), Is.False);
    }

    [Test]
    public void Constructor_BrokenFile_ThrowsWithTheLine()
    {
        using var folder = new TemporaryFolder();
        var file = folder.WriteFile("rules.yaml", BrokenAction);

        var exception = Assert.Throws<InvalidDataException>(() => Create(file));

        Assert.That(exception!.Message, Does.Contain(file).And.Contain("line 3").And.Contain("unknown action 'drop'"));
    }

    [Test]
    public void Constructor_MissingFile_Throws()
    {
        using var folder = new TemporaryFolder();

        Assert.Throws<FileNotFoundException>(() => Create(Path.Combine(folder.Path, "missing.yaml")));
    }

    [Test]
    public void Watch_FileChanged_NewRulesInForceWithinSeconds()
    {
        using var folder = new TemporaryFolder();
        var file = folder.WriteFile("rules.yaml", HoldAll);

        // Polling is slowed to an hour so that only the change notification can apply the edit in time.
        using var provider = Create(file, TimeSpan.FromHours(1));
        Assert.That(FindsCodename(provider), Is.False);
        var loadedAt = provider.Status.LoadedAt;

        File.WriteAllText(file, WithCodename);

        Assert.That(WaitFor(() => FindsCodename(provider)), Is.True, "the edited rules were not applied in time");
        Assert.That(provider.Engine.Detector.Detect("try the falcon override"), Has.Some.Matches<Finding>(f => f.RuleId == "deny.codename"));
        Assert.That(provider.Status.LoadedAt, Is.GreaterThanOrEqualTo(loadedAt));
        Assert.That(provider.Status.HasErrors, Is.False);
    }

    [Test]
    public void Watch_NotificationsOff_PollingAppliesAReplacedFileWithinSeconds()
    {
        using var folder = new TemporaryFolder();
        var file = folder.WriteFile("rules.yaml", HoldAll);
        using var provider = Create(file, TimeSpan.FromMilliseconds(100), notifications: false);

        // Replace by rename, as editors that save atomically do; the poll sees a new write time.
        var staged = folder.WriteFile("rules.yaml.tmp", WithCodename);
        File.Move(staged, file, overwrite: true);

        Assert.That(WaitFor(() => FindsCodename(provider)), Is.True, "the replaced file was not applied in time");
    }

    [Test]
    public void Watch_BrokenEdit_KeepsLastGoodRulesAndReportsTheLine()
    {
        using var folder = new TemporaryFolder();
        var file = folder.WriteFile("rules.yaml", WithCodename);
        using var provider = Create(file);
        var good = provider.Current;

        File.WriteAllText(file, BrokenAction);

        Assert.That(WaitFor(() => provider.Status.LastErrors.Count > 0), Is.True, "the broken edit was not noticed in time");
        Assert.That(provider.Current, Is.SameAs(good));
        Assert.That(FindsCodename(provider), Is.True);
        Assert.That(provider.Status.Source, Is.EqualTo(file));
        Assert.That(provider.Status.LastErrors, Has.Some.Matches<RulesError>(e => e.Line == 3 && e.Message.Contains("unknown action 'drop'", StringComparison.Ordinal)));

        File.WriteAllText(file, HoldAll);

        Assert.That(WaitFor(() => !FindsCodename(provider)), Is.True, "the fixed file was not applied in time");
        Assert.That(provider.Status.LastErrors, Is.Empty);
    }

    [Test]
    public void Reload_FileChanged_PolicyEvaluatorUsesTheNewTable()
    {
        using var folder = new TemporaryFolder();
        var file = folder.WriteFile("rules.yaml", HoldAll);
        using var provider = Create(file, TimeSpan.FromHours(1));
        var finding = new Finding(EntityType.Phone, 0, 4, "xxxx", 0.9, "test", new FindingExplanation("Test", "p", 0.9));
        var context = new PolicyContext(ScreeningDirection.Outgoing, CustomerVerified: true);
        var before = provider.Policy.Evaluate([finding], context).Action;

        File.WriteAllText(file, "policy:\n  - id: out.block\n    action: block\n    reason: blocked\n");
        provider.Reload();

        Assert.That(before, Is.EqualTo(PolicyAction.Hold));
        Assert.That(provider.Policy.Evaluate([finding], context).Action, Is.EqualTo(PolicyAction.Block));
    }

    [Test]
    public void Reload_UnchangedFile_KeepsTheSameRules()
    {
        using var folder = new TemporaryFolder();
        var file = folder.WriteFile("rules.yaml", HoldAll);
        using var provider = Create(file, TimeSpan.FromHours(1));
        var first = provider.Current;

        var changed = provider.Reload();

        Assert.That(changed, Is.False);
        Assert.That(provider.Current, Is.SameAs(first));
    }
}
