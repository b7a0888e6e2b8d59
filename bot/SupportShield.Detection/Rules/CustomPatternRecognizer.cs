using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Rules;

/// <summary>A pattern recognizer from the rules file: one expression, a score, an optional checksum and context words.</summary>
public sealed class CustomPatternRecognizer : PatternRecognizer
{
    private readonly CustomRecognizerRule _rule;

    public CustomPatternRecognizer(CustomRecognizerRule rule)
        : base(
            rule?.Type ?? throw new ArgumentNullException(nameof(rule)),
            [new RecognizerPattern(rule.Id, rule.Regex, rule.Score, rule.Id)],
            rule.ContextWords)
    {
        _rule = rule;
    }

    /// <summary>The rule this recognizer was built from.</summary>
    public CustomRecognizerRule Rule => _rule;

    /// <inheritdoc />
    protected override double ContextBoost => _rule.ContextBoost;

    /// <inheritdoc />
    protected override PatternValidation? Validate(string value, RecognizerPattern pattern)
    {
        if (_rule.Validator == RuleValidator.None)
        {
            return null;
        }

        var name = RulesVocabulary.Name(_rule.Validator);
        return Checksums.Passes(_rule.Validator, value)
            ? new PatternValidation(true, name + ":pass", _rule.Score)
            : PatternValidation.Fail(name + ":fail");
    }
}
