namespace SupportShield.Middleware.Verification;

/// <summary>Where a conversation stands in identity verification.</summary>
public enum VerificationState
{
    /// <summary>No verification asked for, or the last one expired.</summary>
    None,

    /// <summary>A code was sent (or the customer was asked for their contact on file) and is awaited.</summary>
    Pending,

    /// <summary>The customer proved they hold the contact on file of the linked account.</summary>
    Verified,

    /// <summary>Too many wrong codes: verification is refused until the lock expires.</summary>
    Locked,
}
