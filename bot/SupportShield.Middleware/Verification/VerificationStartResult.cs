namespace SupportShield.Middleware.Verification;

/// <summary>What happened when verification was asked to start.</summary>
public enum VerificationStartResult
{
    /// <summary>A code went to the contact on file of the linked account.</summary>
    CodeSent,

    /// <summary>No account is linked: the customer was asked for the email or phone on their account.</summary>
    AwaitingContact,

    /// <summary>The customer is already verified for the linked account.</summary>
    AlreadyVerified,

    /// <summary>Verification is locked after too many wrong codes.</summary>
    Locked,

    /// <summary>The code could not be sent (mail server unreachable); nothing changed.</summary>
    DeliveryFailed,

    /// <summary>The account got too many codes within the rate window; none was sent.</summary>
    RateLimited,
}
