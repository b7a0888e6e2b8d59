using SupportShield.Bot.AgentConsole.Events;
using SupportShield.Bot.Agents.Contracts;

namespace SupportShield.Bot.AgentConsole;

/// <summary>What the agent hub pushes to the console (the JavaScript client handles these names, case-insensitively).</summary>
public interface IAgentConsoleClient
{
    /// <summary>To every console: a conversation of the list changed (new activity, held count, verification).</summary>
    Task ConversationUpdated(ConversationSummaryView conversation);

    /// <summary>To the conversation's watchers: a new transcript line (a customer's line masked).</summary>
    Task TranscriptLine(TranscriptLineEvent line);

    /// <summary>To the conversation's watchers: a message was held, with its reasons in plain words.</summary>
    Task MessageHeld(HeldMessageEvent held);

    /// <summary>To the conversation's watchers: every held message of the conversation with its state now (after a release, override, request).</summary>
    Task HeldMessagesChanged(HeldMessagesEvent held);

    /// <summary>To the conversation's watchers: its verification state and linked account now.</summary>
    Task VerificationChanged(VerificationEvent verification);
}
