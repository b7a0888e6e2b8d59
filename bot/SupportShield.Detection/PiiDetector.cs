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

    // Read from the options once, when the detector is built, rather than per message and per finding: each recognizer with
    // its threshold-aware view and minimum score, and per type (by its value) the minimum score and whether it is disabled.
    private readonly (IRecognizer Recognizer, IThresholdAwareRecognizer? Aware, double MinScore)[] _recognizers;
    private readonly double[] _thresholdByType;
    private readonly bool[] _disabledByType;

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
        _recognizers = new (IRecognizer, IThresholdAwareRecognizer?, double)[options.Recognizers.Count];
        for (var r = 0; r < _recognizers.Length; r++)
        {
            var recognizer = options.Recognizers[r];
            var aware = recognizer as IThresholdAwareRecognizer;
            _recognizers[r] = (recognizer, aware, aware is null ? 0 : options.ThresholdFor(aware.Type));
        }

        var types = Enum.GetValues<EntityType>();
        _thresholdByType = new double[(int)types.Max() + 1];
        _disabledByType = new bool[_thresholdByType.Length];
        foreach (var type in types)
        {
            _thresholdByType[(int)type] = options.ThresholdFor(type);
            _disabledByType[(int)type] = options.DisabledTypes.Contains(type);
        }
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

        List<Finding>? candidates = null;
        Recognize(ref candidates, normalized, account);
        if (!normalized.IsIdentity)
        {
            // Normalisation only adds readings: the original text is read too, so a rewrite can never hide what was plain.
            Recognize(ref candidates, NormalizedText.Identity(normalized.Original), account);
        }

        // A single candidate overlaps nothing: it is the result as it is.
        return candidates is null ? [] : candidates.Count == 1 ? candidates : Resolve(candidates);
    }

    private void Recognize(ref List<Finding>? candidates, NormalizedText normalized, AccountValues? account)
    {
        var text = normalized.Text;
        foreach (var (recognizer, aware, minScore) in _recognizers)
        {
            // Findings below the type's threshold are dropped below anyway: recognizers that can skip them do not create them.
            var found = aware is not null ? aware.Recognize(text, account, minScore) : recognizer.Recognize(text, account);
            AddCandidates(ref candidates, found, normalized);
        }

        if (account is not null)
        {
            AddCandidates(ref candidates, _accountRecognizer.Recognize(text, account), normalized);
        }
    }

    private void AddCandidates(ref List<Finding>? candidates, IEnumerable<Finding> found, NormalizedText normalized)
    {
        if (found is IReadOnlyList<Finding> list)
        {
            // Most recognizers return a list or an empty array: index it rather than allocate an enumerator.
            for (var i = 0; i < list.Count; i++)
            {
                AddCandidate(ref candidates, list[i], normalized);
            }

            return;
        }

        foreach (var finding in found)
        {
            AddCandidate(ref candidates, finding, normalized);
        }
    }

    private void AddCandidate(ref List<Finding>? candidates, Finding finding, NormalizedText normalized)
    {
        if (finding.End <= finding.Start || finding.Score < ThresholdOf(finding.Type) || IsDisabled(finding.Type))
        {
            return;
        }

        var mapped = finding;
        if (!normalized.IsIdentity)
        {
            var (start, end) = normalized.ToOriginal(finding.Start, finding.End);
            mapped = finding with { Start = start, End = end, Value = normalized.Original[start..end] };
        }

        var keep = true;
        var filters = _options.Filters;
        for (var f = 0; f < filters.Count; f++)
        {
            keep &= filters[f].Keep(mapped, normalized.Original);
        }

        if (keep)
        {
            (candidates ??= []).Add(mapped);
        }
    }

    // A value outside the enum (a cast by custom code) is looked up in the options as before.
    private double ThresholdOf(EntityType type) =>
        (uint)type < (uint)_thresholdByType.Length ? _thresholdByType[(int)type] : _options.ThresholdFor(type);

    private bool IsDisabled(EntityType type) =>
        (uint)type < (uint)_disabledByType.Length ? _disabledByType[(int)type] : _options.DisabledTypes.Contains(type);

    /// <summary>Keeps the best of overlapping findings and sorts the rest by start.</summary>
    internal static IReadOnlyList<Finding> Resolve(IEnumerable<Finding> candidates)
    {
        // Each finding carries its input position as the last key, so that equal findings keep their order (a stable sort)
        // and the comparison needs no closure.
        if (candidates is not IReadOnlyList<Finding> list)
        {
            return Resolve(candidates.ToArray());
        }

        var ranked = new (Finding Finding, int Index)[list.Count];
        for (var i = 0; i < ranked.Length; i++)
        {
            ranked[i] = (list[i], i);
        }

        if (ranked.Length == 0)
        {
            return [];
        }

        Array.Sort(ranked, static (x, y) =>
        {
            var c = Rank(x.Finding, y.Finding);
            return c != 0 ? c : x.Index.CompareTo(y.Index);
        });

        var kept = new List<Finding>();
        foreach (var (finding, _) in ranked)
        {
            var free = true;
            for (var k = 0; k < kept.Count && free; k++)
            {
                free = kept[k].End <= finding.Start || finding.End <= kept[k].Start;
            }

            if (free)
            {
                kept.Add(finding);
            }
        }

        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    /// <summary>On-file findings first, then the higher score, the longer span, the earlier start and the rule id.</summary>
    private static int Rank(Finding a, Finding b)
    {
        var c = b.IsOnFile.CompareTo(a.IsOnFile);
        if (c == 0)
        {
            c = b.Score.CompareTo(a.Score);
        }

        if (c == 0)
        {
            c = b.Length.CompareTo(a.Length);
        }

        if (c == 0)
        {
            c = a.Start.CompareTo(b.Start);
        }

        return c != 0 ? c : string.CompareOrdinal(a.RuleId, b.RuleId);
    }
}
