using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;
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

    private readonly IReadOnlyList<IRecognizer> _recognizers;
    private readonly AccountValueRecognizer _accountRecognizer = new();

    /// <summary>A detector with the v1 recognizers and the default threshold.</summary>
    public PiiDetector()
        : this(DefaultRecognizers(), DefaultThreshold)
    {
    }

    /// <summary>A detector with the given recognizers (the account recognizer is always added) and threshold.</summary>
    public PiiDetector(IEnumerable<IRecognizer> recognizers, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(recognizers);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1);
        _recognizers = recognizers.ToArray();
        Threshold = threshold;
    }

    /// <summary>Minimum score a finding needs.</summary>
    public double Threshold { get; }

    /// <summary>The recognizers run on every text (besides the account recognizer).</summary>
    public IReadOnlyList<IRecognizer> Recognizers => _recognizers;

    /// <summary>The v1 recognizers.</summary>
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
    ];

    /// <inheritdoc />
    public IReadOnlyList<Finding> Detect(string text, AccountValues? account = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var candidates = new List<Finding>();
        foreach (var recognizer in _recognizers)
        {
            candidates.AddRange(recognizer.Recognize(text, account).Where(f => f.Score >= Threshold && f.End > f.Start));
        }

        if (account is not null)
        {
            candidates.AddRange(_accountRecognizer.Recognize(text, account).Where(f => f.Score >= Threshold && f.End > f.Start));
        }

        return Resolve(candidates);
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
