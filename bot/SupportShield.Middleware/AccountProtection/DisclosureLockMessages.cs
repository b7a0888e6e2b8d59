using System.Globalization;

namespace SupportShield.Middleware.AccountProtection;

/// <summary>What the customer is told about the disclosure lock.</summary>
public static class DisclosureLockMessages
{
    public static string Locked(DateTimeOffset ownerCanLiftAfter) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "Done. From now on we will not share your account details in this chat, even after you verify. Our security team can lift this, or you can ask here again after {0:d MMMM yyyy}.",
            ownerCanLiftAfter);

    public const string VerifyFirst = "To protect your account, I need to check that it's you before I change how we share your details.";

    public const string Lifted = "The chat lock on your account is lifted.";

    public static string NotYet(DateTimeOffset? ownerCanLiftAfter) =>
        ownerCanLiftAfter is { } when
            ? string.Format(CultureInfo.InvariantCulture, "The chat lock on your account can be lifted here after {0:d MMMM yyyy}, or by our security team.", when)
            : "The chat lock on your account can only be lifted by our security team.";

    public const string NotLocked = "Your account has no chat lock.";
}
