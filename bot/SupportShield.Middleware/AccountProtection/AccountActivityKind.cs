namespace SupportShield.Middleware.AccountProtection;

/// <summary>What happened in a chat that the account's owner is told about.</summary>
public enum AccountActivityKind
{
    /// <summary>Someone asked for data on file.</summary>
    DataRequested,

    /// <summary>Someone asked to change contact details or credentials.</summary>
    ContactChangeRequested,

    /// <summary>A wrong verification code was entered.</summary>
    VerificationFailed,

    /// <summary>Too many wrong codes locked verification.</summary>
    VerificationLocked,

    /// <summary>Contact details on file were changed.</summary>
    ContactChanged,
}
