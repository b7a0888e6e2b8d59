using Microsoft.Bot.Builder;

namespace SupportShield.Middleware.Verification;

/// <summary>
/// What the middleware needs from identity verification. Implemented by the verification dialog, so that the middleware
/// stays free of how a customer proves who they are.
/// </summary>
public interface IVerificationGateway
{
    /// <summary>The conversation's verification state now (expired verifications read as <see cref="VerificationState.None"/>).</summary>
    Task<VerificationStatus> GetStatusAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Offers a customer message to the verification dialog first. Returns true when the dialog consumed it (a code or
    /// a contact typed for verification): the message then goes no further, not to the bot, the transcript or the agent.
    /// </summary>
    Task<bool> TryHandleCustomerMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);

    /// <summary>Starts verification for the turn's conversation, telling the customer what to do next.</summary>
    /// <param name="turnContext">A turn of the conversation (a customer turn or a proactive one).</param>
    /// <param name="trigger">Why it starts, for the audit log, for example "intent:RequestPii" or "agent".</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    Task<VerificationStartResult> StartAsync(ITurnContext turnContext, string trigger, CancellationToken cancellationToken = default);
}
