using SupportShield.Detection;
using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;

namespace SupportShield.Bot.Rules;

/// <summary>An <see cref="IPiiDetector"/> that uses the rules in force at each call, so that a reload applies to the next message.</summary>
public sealed class RulesPiiDetector : IPiiDetector
{
    private readonly RulesProvider _provider;

    public RulesPiiDetector(RulesProvider provider)
    {
        _provider = provider ?? throw new ArgumentNullException(nameof(provider));
    }

    /// <inheritdoc />
    public IReadOnlyList<Finding> Detect(string text, AccountValues? account = null) => _provider.Detector.Detect(text, account);
}
