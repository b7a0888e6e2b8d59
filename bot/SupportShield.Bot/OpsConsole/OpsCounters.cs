using SupportShield.Bot.OpsConsole.Contracts;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.OpsConsole;

/// <summary>
/// The ops console's counters, computed from the persisted audit log (every instance, any restart) rather than the
/// in-process metrics, which count per instance since start.
/// </summary>
public sealed class OpsCounters
{
    private static readonly Dictionary<string, TimeSpan> Periods = new(StringComparer.Ordinal)
    {
        ["1h"] = TimeSpan.FromHours(1),
        ["24h"] = TimeSpan.FromHours(24),
        ["7d"] = TimeSpan.FromDays(7),
    };

    private readonly IAuditActionCounts _counts;
    private readonly TimeProvider _time;

    public OpsCounters(IAuditActionCounts counts, TimeProvider time)
    {
        _counts = counts ?? throw new ArgumentNullException(nameof(counts));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The periods offered: 1h, 24h, 7d.</summary>
    public static IReadOnlyCollection<string> PeriodNames => Periods.Keys;

    /// <summary>Whether <paramref name="period"/> is one of <see cref="PeriodNames"/>.</summary>
    public static bool IsPeriod(string? period) => period is not null && Periods.ContainsKey(period);

    /// <summary>The counters of the last <paramref name="period"/> (1h, 24h or 7d).</summary>
    public async Task<CountersView> GetAsync(string period, CancellationToken cancellationToken)
    {
        if (!IsPeriod(period))
        {
            throw new ArgumentException($"Unknown period '{period}'.", nameof(period));
        }

        var to = _time.GetUtcNow();
        var from = to - Periods[period];
        // The end is exclusive: a record made in this very tick still counts.
        var counts = await _counts.CountActionsAsync(from, to.AddTicks(1), cancellationToken).ConfigureAwait(false);
        long Sum(Func<AuditActionCount, bool> match) => counts.Where(match).Sum(c => c.Count);
        bool Outgoing(AuditActionCount c, params string[] actions) => c.Direction == "outgoing" && actions.Contains(c.Action);

        var messages = new MessageCounters(
            Screened: Sum(c => (c.Direction == "incoming" && c.Action == "received") || Outgoing(c, "delivered", "redacted", "held", "blocked")),
            Held: Sum(c => Outgoing(c, "held")),
            Redacted: Sum(c => Outgoing(c, "redacted")),
            Released: Sum(c => Outgoing(c, "released", "released.override")),
            Blocked: Sum(c => Outgoing(c, "blocked")));
        var verifications = new VerificationCounters(
            Started: Sum(c => c.Action == "verification.code-sent"),
            Succeeded: Sum(c => c.Action == "verification.succeeded"),
            Failed: Sum(c => c.Action == "verification.failed"),
            Locked: Sum(c => c.Action == "verification.locked"));
        return new CountersView(period, from, to, messages, verifications);
    }
}
