namespace SupportShield.Middleware.Verification;

/// <summary>A way to send a one-time code to a contact on file.</summary>
public enum VerificationFactor
{
    /// <summary>An email to the address on file.</summary>
    Email,

    /// <summary>A text message to the phone number on file.</summary>
    Sms,
}
