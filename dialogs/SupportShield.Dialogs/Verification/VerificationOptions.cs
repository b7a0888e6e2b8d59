using SupportShield.Middleware.Verification;

namespace SupportShield.Dialogs.Verification;

/// <summary>Verification settings, bound from <c>SupportShield:Verification</c>.</summary>
public sealed class VerificationOptions
{
    /// <summary>How long a code stays valid. Default 10 minutes.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong codes that lock verification for the account for <see cref="LockoutDuration"/>. Default 5.</summary>
    public int MaxWrongCodes { get; set; } = 5;

    /// <summary>How long a lock lasts. Default 30 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a successful verification lasts. Default 30 minutes.</summary>
    public TimeSpan VerifiedDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Codes sent per account within <see cref="CodeSendWindow"/>; one more start is refused. Default 5.</summary>
    public int MaxCodesPerWindow { get; set; } = 5;

    /// <summary>The window of <see cref="MaxCodesPerWindow"/>. Default 1 hour.</summary>
    public TimeSpan CodeSendWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Wrong codes in a row for an account, across all conversations and channels and despite the temporary locks, that
    /// lock its chat verification until ops unlock it (NIST SP 800-63B allows at most 100). Default 100.
    /// </summary>
    public int MaxConsecutiveFailures { get; set; } = 100;

    /// <summary>
    /// The factors offered, in order of preference (<c>Email</c>, <c>Sms</c>). Empty (the default) means <c>[Email]</c>.
    /// An account's own <c>verificationFactors</c> replace this list.
    /// </summary>
    public IList<VerificationFactor> Factors { get; } = [];

    /// <summary><see cref="Factors"/>, or <c>[Email]</c> when none is configured.</summary>
    public IReadOnlyList<VerificationFactor> EffectiveFactors => Factors.Count == 0 ? [VerificationFactor.Email] : Factors.Distinct().ToList();

    /// <summary>Throws when a value is out of range; called at start-up.</summary>
    public void Validate()
    {
        if (CodeLifetime <= TimeSpan.Zero || LockoutDuration <= TimeSpan.Zero || VerifiedDuration <= TimeSpan.Zero || CodeSendWindow <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("SupportShield:Verification durations must be positive.");
        }

        if (MaxWrongCodes is < 1 or > 100)
        {
            throw new InvalidOperationException("SupportShield:Verification:MaxWrongCodes must be between 1 and 100.");
        }

        if (MaxCodesPerWindow is < 1 or > 1000)
        {
            throw new InvalidOperationException("SupportShield:Verification:MaxCodesPerWindow must be between 1 and 1000.");
        }

        if (MaxConsecutiveFailures < MaxWrongCodes || MaxConsecutiveFailures > 100)
        {
            throw new InvalidOperationException("SupportShield:Verification:MaxConsecutiveFailures must be between MaxWrongCodes and 100.");
        }

        if (Factors.Any(f => !Enum.IsDefined(f)))
        {
            throw new InvalidOperationException("SupportShield:Verification:Factors may list only Email and Sms.");
        }
    }
}
