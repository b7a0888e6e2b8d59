namespace SupportShield.Detection.Policy;

/// <summary>The ways a customer can verify, weakest first, as named in the rules file's <c>verification_levels</c>.</summary>
public static class VerificationLevels
{
    /// <summary>A one-time code sent to the email on file.</summary>
    public const string EmailCode = "email_code";

    /// <summary>A one-time code sent by SMS to the phone on file.</summary>
    public const string SmsCode = "sms_code";

    /// <summary>A signed identity token from the company's own signed-in web page.</summary>
    public const string ChannelIdentity = "channel_identity";

    /// <summary>Every level name.</summary>
    public static IReadOnlyList<string> All { get; } = [EmailCode, SmsCode, ChannelIdentity];
}
