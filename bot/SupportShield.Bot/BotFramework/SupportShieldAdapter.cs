using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using SupportShield.Middleware;

namespace SupportShield.Bot.BotFramework;

/// <summary>
/// The bot's <see cref="CloudAdapter"/> with SupportShield registered first, so that it screens every turn before any
/// other middleware (a transcript logger in particular) sees raw personal data.
/// </summary>
public sealed partial class SupportShieldAdapter : CloudAdapter
{
    public SupportShieldAdapter(BotFrameworkAuthentication authentication, SupportShieldMiddleware shield, ILogger<SupportShieldAdapter> logger)
        : base(authentication, logger)
    {
        ArgumentNullException.ThrowIfNull(shield);
        Use(shield);
        OnTurnError = async (turnContext, exception) =>
        {
            // The exception type only: a message could quote personal data.
            LogTurnFailed(logger, turnContext.Activity?.Type ?? "unknown", exception.GetType().Name);
            if (turnContext.Activity?.Type == Microsoft.Bot.Schema.ActivityTypes.Message)
            {
                try
                {
                    await turnContext.SendActivityAsync("Sorry, something went wrong on our side. Please try again in a moment.").ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The apology is best effort; the original failure is already logged.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }
            else
            {
                // Proactive turns (agent replies, verification started by an agent) report failure to their caller.
                throw new BotTurnFailedException("The turn failed; nothing unscreened was sent.", exception);
            }
        };
    }

    /// <summary>
    /// Runs the turn of an activity the host's embedded Direct Line received and authenticated itself (it checked the
    /// client's token), through the same middleware and bot as <c>/api/messages</c>.
    /// </summary>
    internal Task ProcessDirectLineActivityAsync(AuthenticateRequestResult authentication, Microsoft.Bot.Schema.Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ProcessActivityAsync(authentication, activity, callback, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "SupportShield turn failed for a {ActivityType} activity: {ExceptionType}")]
    private static partial void LogTurnFailed(ILogger logger, string activityType, string exceptionType);
}
