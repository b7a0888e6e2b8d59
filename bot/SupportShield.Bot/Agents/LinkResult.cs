namespace SupportShield.Bot.Agents;

/// <summary>Outcome of linking a conversation to an account.</summary>
public enum LinkResult
{
    Linked,
    UnknownConversation,
    UnknownAccount,
}
