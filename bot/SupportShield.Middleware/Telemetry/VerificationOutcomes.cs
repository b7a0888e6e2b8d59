namespace SupportShield.Middleware.Telemetry;

/// <summary>The values of the <c>outcome</c> tag of <c>supportshield.verifications</c>.</summary>
public static class VerificationOutcomes
{
    public const string Started = "started";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Locked = "locked";
    public const string Expired = "expired";
    public const string SendFailed = "send-failed";

    /// <summary>Every outcome.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Started, Succeeded, Failed, Locked, Expired, SendFailed };

    /// <summary>The outcome an audit action of the verification dialog stands for, or null when it is none of them.</summary>
    public static string? ForAuditAction(string action) => action switch
    {
        "verification.code-sent" => Started,
        "verification.succeeded" => Succeeded,
        "verification.failed" => Failed,
        "verification.locked" or "verification.ops-locked" => Locked,
        "verification.expired" => Expired,
        "verification.send-failed" => SendFailed,
        _ => null,
    };
}
