using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportShield.Middleware.Screening;
using SupportShield.Middleware.Telemetry;

namespace SupportShield.Middleware;

/// <summary>
/// The SupportShield middleware: screens every customer message and every outgoing activity (sends and edits).
/// Add it with <c>adapter.Use(middleware)</c> before any transcript logger, so raw personal data never reaches a transcript.
/// </summary>
public sealed class SupportShieldMiddleware : Microsoft.Bot.Builder.IMiddleware
{
    private readonly IncomingMessageGuard _incoming;
    private readonly OutgoingMessageGuard _outgoing;
    private readonly SupportShieldMetrics? _metrics;

    public SupportShieldMiddleware(IncomingMessageGuard incoming, OutgoingMessageGuard outgoing, SupportShieldMetrics? metrics = null)
    {
        _metrics = metrics;
        _incoming = incoming ?? throw new ArgumentNullException(nameof(incoming));
        _outgoing = outgoing ?? throw new ArgumentNullException(nameof(outgoing));
    }

    /// <inheritdoc />
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        if (string.IsNullOrEmpty(turnContext.Activity?.Conversation?.Id))
        {
            throw new InvalidOperationException("SupportShield cannot screen an activity without a conversation id; nothing was sent.");
        }

        turnContext.OnSendActivities(_outgoing.OnSendActivitiesAsync);
        turnContext.OnUpdateActivity(_outgoing.OnUpdateActivityAsync);

        if (turnContext.Activity.Type == ActivityTypes.Message)
        {
            var started = _metrics?.StartTimestamp() ?? 0;
            var goOn = await _incoming.OnCustomerMessageAsync(turnContext, cancellationToken).ConfigureAwait(false);
            _metrics?.RecordDuration(SupportShieldMetrics.Incoming, started);
            if (!goOn)
            {
                return;
            }
        }

        await next(cancellationToken).ConfigureAwait(false);
    }
}
