using System.Diagnostics;
using System.Diagnostics.Metrics;
using SupportShield.Middleware.Screening;

namespace SupportShield.Middleware.Telemetry;

/// <summary>
/// SupportShield's counters and duration histogram on the <c>SupportShield</c> meter. Every tag comes from a fixed
/// vocabulary (direction, sender role, verification outcome): no metric carries personal data or conversation ids.
/// </summary>
public sealed class SupportShieldMetrics : IDisposable
{
    /// <summary>Tag values of <c>direction</c>.</summary>
    public const string Incoming = "incoming";

    /// <inheritdoc cref="Incoming"/>
    public const string Outgoing = "outgoing";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _screened;
    private readonly Counter<long> _held;
    private readonly Counter<long> _redacted;
    private readonly Counter<long> _released;
    private readonly Counter<long> _blocked;
    private readonly Counter<long> _verifications;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the metrics on a meter of <paramref name="meterFactory"/> (the host's DI container).</summary>
    public SupportShieldMetrics(IMeterFactory meterFactory, TimeProvider time)
        : this(CreateMeter(meterFactory), ownsMeter: false, time)
    {
    }

    /// <summary>Creates the metrics on a meter of their own (tests, hosts without DI). Dispose to end the meter.</summary>
    public SupportShieldMetrics(TimeProvider? time = null)
        : this(new Meter(SupportShieldTelemetry.Name), ownsMeter: true, time ?? TimeProvider.System)
    {
    }

    private SupportShieldMetrics(Meter meter, bool ownsMeter, TimeProvider time)
    {
        _meter = meter;
        _ownsMeter = ownsMeter;
        Time = time ?? throw new ArgumentNullException(nameof(time));
        _screened = meter.CreateCounter<long>("supportshield.messages.screened", "{message}", "Messages screened, by direction and sender.");
        _held = meter.CreateCounter<long>("supportshield.messages.held", "{message}", "Outgoing messages held until the customer verifies.");
        _redacted = meter.CreateCounter<long>("supportshield.messages.redacted", "{message}", "Outgoing messages delivered with personal data redacted.");
        _released = meter.CreateCounter<long>("supportshield.messages.released", "{message}", "Held messages delivered after verification or approval.");
        _blocked = meter.CreateCounter<long>("supportshield.messages.blocked", "{message}", "Outgoing messages blocked.");
        _verifications = meter.CreateCounter<long>("supportshield.verifications", "{verification}", "Verification events, by outcome.");
        _duration = meter.CreateHistogram<double>("supportshield.middleware.duration", "ms", "Time SupportShield adds to a turn, by direction.");
    }

    /// <summary>The meter the instruments live on.</summary>
    public Meter Meter => _meter;

    /// <summary>The clock durations are measured with.</summary>
    public TimeProvider Time { get; }

    /// <summary>Counts one screened message. <paramref name="sender"/> is customer, agent or bot.</summary>
    public void Screened(string direction, string sender) =>
        _screened.Add(1, new TagList { { "direction", direction == Incoming ? Incoming : Outgoing }, { "sender", Sender(sender) } });

    /// <summary>Counts one newly held message.</summary>
    public void Held(string sender) => _held.Add(1, new KeyValuePair<string, object?>("sender", Sender(sender)));

    /// <summary>Counts one message delivered with redactions.</summary>
    public void Redacted(string sender) => _redacted.Add(1, new KeyValuePair<string, object?>("sender", Sender(sender)));

    /// <summary>Counts one held message delivered.</summary>
    public void Released(string sender) => _released.Add(1, new KeyValuePair<string, object?>("sender", Sender(sender)));

    /// <summary>Counts one blocked message.</summary>
    public void Blocked(string sender) => _blocked.Add(1, new KeyValuePair<string, object?>("sender", Sender(sender)));

    /// <summary>Counts one verification event; <paramref name="outcome"/> must be one of <see cref="VerificationOutcomes"/>.</summary>
    public void Verification(string outcome)
    {
        if (!VerificationOutcomes.All.Contains(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a verification outcome.");
        }

        _verifications.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>A timestamp of <see cref="Time"/> to pass to <see cref="RecordDuration"/>.</summary>
    public long StartTimestamp() => Time.GetTimestamp();

    /// <summary>Records the time since <paramref name="startTimestamp"/>, less <paramref name="excluded"/> (the bot's own work).</summary>
    public void RecordDuration(string direction, long startTimestamp, TimeSpan excluded = default)
    {
        var elapsed = Time.GetElapsedTime(startTimestamp) - excluded;
        _duration.Record(Math.Max(0, elapsed.TotalMilliseconds), new KeyValuePair<string, object?>("direction", direction == Incoming ? Incoming : Outgoing));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static string Sender(string sender) => sender switch
    {
        SenderRoles.Agent => SenderRoles.Agent,
        "customer" => "customer",
        _ => SenderRoles.Bot,
    };

    private static Meter CreateMeter(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        return meterFactory.Create(SupportShieldTelemetry.Name);
    }
}
