using System.Globalization;

namespace SupportShield.Dialogs.Verification;

/// <summary>What the verification dialog says to the customer. None of it names or hints at data on file.</summary>
public static class VerificationMessages
{
    public static string CodeSent(TimeSpan lifetime) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "To protect your account, I've sent a {0}-digit verification code to the email address we have on file. Please type the code here. It expires in {1} minutes.",
            VerificationCode.Length,
            (int)lifetime.TotalMinutes);

    public const string AskForContact =
        "To protect your account, I need to check that it's you. Please type the email address or phone number on your account.";

    public const string NotAContact =
        "That doesn't look like an email address or phone number. Please type the email address or phone number on your account.";

    public static string ContactReceived(TimeSpan lifetime) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "Thanks. If that matches an account, a {0}-digit code is on its way to the email address on file. Please type the code here. It expires in {1} minutes.",
            VerificationCode.Length,
            (int)lifetime.TotalMinutes);

    public const string StillWaiting =
        "Please type the verification code we sent to the email address on file.";

    public const string Verified = "Thank you, you're verified.";

    public static string WrongCode(int remaining) =>
        remaining == 1
            ? "That code isn't right. You have 1 more try."
            : string.Format(CultureInfo.InvariantCulture, "That code isn't right. You have {0} more tries.", remaining);

    public const string Locked =
        "Too many wrong codes. Verification is locked for now; please try again later or ask the agent for help.";

    public const string Expired =
        "That code has expired. Ask again and I'll send a new one.";

    public const string DeliveryFailed =
        "I couldn't send a verification code just now. Please try again in a few minutes.";

    public const string CodeEnteredTranscriptNote = "[verification code entered]";

    public const string ContactEnteredTranscriptNote = "[contact details entered for verification]";
}
