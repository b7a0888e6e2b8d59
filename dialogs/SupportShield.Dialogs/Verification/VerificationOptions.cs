namespace SupportShield.Dialogs.Verification;

/// <summary>Verification settings, bound from <c>SupportShield:Verification</c>.</summary>
public sealed class VerificationOptions
{
    /// <summary>How long a code stays valid. Default 10 minutes.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong codes that lock verification for the account. Default 5.</summary>
    public int MaxWrongCodes { get; set; } = 5;

    /// <summary>How long a lock lasts. Default 30 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a successful verification lasts. Default 30 minutes.</summary>
    public TimeSpan VerifiedDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Throws when a value is out of range; called at start-up.</summary>
    public void Validate()
    {
        if (CodeLifetime <= TimeSpan.Zero || LockoutDuration <= TimeSpan.Zero || VerifiedDuration <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("SupportShield:Verification durations must be positive.");
        }

        if (MaxWrongCodes is < 1 or > 100)
        {
            throw new InvalidOperationException("SupportShield:Verification:MaxWrongCodes must be between 1 and 100.");
        }
    }
}
