namespace SupportShield.Dialogs.Verification;

/// <summary>What a customer asked about where the code goes, while one is awaited.</summary>
public enum FactorRequestKind
{
    /// <summary>Nothing about the code's destination.</summary>
    None,

    /// <summary>Send it by another factor, to the contact on file ("send it by text instead").</summary>
    Switch,

    /// <summary>Send it to a contact that is not on file ("send it to my new email", "text 555 0100").</summary>
    Redirect,
}
