using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds dates of birth: a valid date (numeric or with a month name) with birth context near (born, birth, DOB, birthday).
/// Other dates are not findings.
/// </summary>
public sealed class DateOfBirthRecognizer : IRecognizer, IThresholdAwareRecognizer
{
    private const double BaseScore = 0.2;
    private const double ContextBoost = 0.65;

    private static readonly string[] ContextWords = ["born", "birth", "dob", "d.o.b", "birthday", "bday", "b-day", "date of birth"];

    /// <inheritdoc />
    public string Name => nameof(DateOfBirthRecognizer);

    /// <inheritdoc />
    public IEnumerable<Finding> Recognize(string text, AccountValues? account) => Recognize(text, account, double.NegativeInfinity);

    /// <inheritdoc />
    EntityType IThresholdAwareRecognizer.Type => EntityType.DateOfBirth;

    /// <inheritdoc />
    IEnumerable<Finding> IThresholdAwareRecognizer.Recognize(string text, AccountValues? account, double minScore) => Recognize(text, account, minScore);

    private IReadOnlyList<Finding> Recognize(string text, AccountValues? account, double minScore)
    {
        ArgumentNullException.ThrowIfNull(text);

        // The shortest date ("1/2/85") has four digits.
        if (!TextScan.HasDigits(text, 4))
        {
            return Array.Empty<Finding>();
        }

        List<Finding>? findings = null;
        var mentions = DateMentions.Find(text);
        for (var i = 0; i < mentions.Count; i++)
        {
            var mention = mentions[i];
            if (mention.Date.Year < 1900 || mention.Date > DateOnly.FromDateTime(DateTime.UtcNow))
            {
                continue;
            }

            var words = ContextScanner.Find(text, mention.Start, mention.End, ContextWords, before: 64, after: 32);
            var boost = words.Count > 0 ? ContextBoost : 0;
            if (BaseScore + boost < minScore)
            {
                continue;
            }

            (findings ??= []).Add(new Finding(
                EntityType.DateOfBirth,
                mention.Start,
                mention.End,
                text[mention.Start..mention.End],
                BaseScore + boost,
                words.Count > 0 ? "dob.date-birth-context" : "dob.date",
                new FindingExplanation(Name, mention.Pattern, BaseScore, "date:valid", boost, words.Count > 0 ? words : null)));
        }

        return findings ?? (IReadOnlyList<Finding>)[];
    }
}
