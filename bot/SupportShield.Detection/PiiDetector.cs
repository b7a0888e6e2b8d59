using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Normalization;
using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection;

/// <summary>
/// Runs every recognizer, drops findings below <see cref="Threshold"/>, and resolves overlaps: on-file findings first,
/// then the higher score, then the longer span. The result is sorted and has no overlaps.
/// </summary>
public sealed class PiiDetector : IPiiDetector
{
    /// <summary>Default minimum score of a finding.</summary>
    public const double DefaultThreshold = 0.5;

    private readonly DetectorOptions _options;
    private readonly AccountValueRecognizer _accountRecognizer = new();

    /// <summary>A detector with the default recognizers and the default threshold.</summary>
    public PiiDetector()
        : this(new DetectorOptions())
    {
    }

    /// <summary>A detector with the given recognizers (the account recognizer is always added) and threshold.</summary>
    public PiiDetector(IEnumerable<IRecognizer> recognizers, double threshold = DefaultThreshold)
        : this(new DetectorOptions { Recognizers = recognizers?.ToArray() ?? throw new ArgumentNullException(nameof(recognizers)), Threshold = threshold })
    {
    }

    /// <summary>A detector assembled from <paramref name="options"/>.</summary>
    public PiiDetector(DetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Threshold, 1);
        _options = options;
    }

    /// <summary>The options this detector was built with.</summary>
    public DetectorOptions Options => _options;

    /// <summary>Minimum score a finding needs.</summary>
    public double Threshold => _options.Threshold;

    /// <summary>The recognizers run on every text (besides the account recognizer).</summary>
    public IReadOnlyList<IRecognizer> Recognizers => _options.Recognizers;

    /// <summary>The default recognizers.</summary>
    public static IReadOnlyList<IRecognizer> DefaultRecognizers() =>
    [
        new EmailRecognizer(),
        new UrlRecognizer(),
        new PhoneRecognizer(),
        new CreditCardRecognizer(),
        new CardLast4Recognizer(),
        new SsnRecognizer(),
        new IpAddressRecognizer(),
        new DateOfBirthRecognizer(),
        new ZipRecognizer(),
        new AddressRecognizer(),
        new PasswordOrSecretRecognizer(),
        new IbanRecognizer(),
        new AbaRoutingNumberRecognizer(),
        new BankAccountRecognizer(),
        new AccountIdRecognizer(),
        new OrderIdRecognizer(),
        new PassportRecognizer(),
        new DriverLicenseRecognizer(),
        new PersonRecognizer(),
    ];

    /// <inheritdoc />
    public IReadOnlyList<Finding> Detect(string text, AccountValues? account = null) =>
        string.IsNullOrEmpty(text) ? [] : Detect(_options.Normalizer.Normalize(text), account);

    /// <summary>Finds personal data in an already normalised text; offsets point into <see cref="NormalizedText.Original"/>.</summary>
    public IReadOnlyList<Finding> Detect(NormalizedText normalized, AccountValues? account = null)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var text = normalized.Text;
        if (text.Length == 0)
        {
            return [];
        }

        var candidates = new List<Finding>();
        Recognize(candidates, normalized, account);
        if (!normalized.IsIdentity)
        {
            // Normalisation only adds readings: the original text is read too, so a rewrite can never hide what was plain.
            Recognize(candidates, NormalizedText.Identity(normalized.Original), account);
        }

        return Resolve(candidates);
    }

    private void Recognize(List<Finding> candidates, NormalizedText normalized, AccountValues? account)
    {
        var text = normalized.Text;
        foreach (var recognizer in _options.Recognizers)
        {
            AddCandidates(candidates, recognizer.Recognize(text, account), normalized);
        }

        if (account is not null)
        {
            AddCandidates(candidates, _accountRecognizer.Recognize(text, account), normalized);
        }
    }

    private void AddCandidates(List<Finding> candidates, IEnumerable<Finding> found, NormalizedText normalized)
    {
        foreach (var finding in found)
        {
            if (finding.End <= finding.Start
                || finding.Score < _options.ThresholdFor(finding.Type)
                || _options.DisabledTypes.Contains(finding.Type))
            {
                continue;
            }

            var mapped = finding;
            if (!normalized.IsIdentity)
            {
                var (start, end) = normalized.ToOriginal(finding.Start, finding.End);
                mapped = finding with { Start = start, End = end, Value = normalized.Original[start..end] };
            }

            var keep = true;
            foreach (var filter in _options.Filters)
            {
                keep &= filter.Keep(mapped, normalized.Original);
            }

            if (keep)
            {
                candidates.Add(mapped);
            }
        }
    }

    /// <summary>Keeps the best of overlapping findings and sorts the rest by start.</summary>
    internal static IReadOnlyList<Finding> Resolve(IEnumerable<Finding> candidates)
    {
        var ranked = candidates
            .OrderByDescending(f => f.IsOnFile)
            .ThenByDescending(f => f.Score)
            .ThenByDescending(f => f.Length)
            .ThenBy(f => f.Start)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal);
        var list = ranked.ToList();
        var occupied = new System.Collections.BitArray(list.Count == 0 ? 0 : list.Max(f => f.End));
        var kept = new List<Finding>();
        foreach (var finding in list)
        {
            var free = true;
            for (var i = finding.Start; i < finding.End && free; i++)
            {
                free = !occupied[i];
            }

            if (free)
            {
                for (var i = finding.Start; i < finding.End; i++)
                {
                    occupied[i] = true;
                }

                kept.Add(finding);
            }
        }

        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }
}
