namespace SupportShield.Dialogs.Identity;

/// <summary>Whether an identity token may be used in a conversation.</summary>
public enum IdentityTokenUse
{
    /// <summary>First use: the token is now bound to this conversation.</summary>
    First,

    /// <summary>Presented again in the conversation it is bound to (a web chat sends it with every message).</summary>
    SameConversation,

    /// <summary>Already bound to another conversation: a replay.</summary>
    Replayed,
}
