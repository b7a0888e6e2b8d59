using System.Globalization;
using SupportShield.Middleware.Verification;

namespace SupportShield.Dialogs.Verification;

/// <summary>What the verification dialog says to the customer. None of it names or hints at data on file.</summary>
public static class VerificationMessages
{
    /// <summary>The code went to the linked account's contact on file by <paramref name="factor"/>; <paramref name="alternative"/> is offered when another factor is allowed.</summary>
    public static string CodeSent(TimeSpan lifetime, VerificationFactor factor = VerificationFactor.Email, VerificationFactor? alternative = null) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "To protect your account, I've sent {0} verification code {1}. Please type the code here. It expires in {2} minutes.{3}",
            DigitsWithArticle,
            Destination(factor),
            (int)lifetime.TotalMinutes,
            Offer(alternative));

    /// <summary>A new code went by the factor the customer asked for.</summary>
    public static string CodeResent(TimeSpan lifetime, VerificationFactor factor) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "OK. I've sent a new {0}-digit code {1}; the earlier code no longer works. Please type it here. It expires in {2} minutes.",
            VerificationCode.Length,
            Destination(factor),
            (int)lifetime.TotalMinutes);

    public const string AskForContact =
        "To protect your account, I need to check that it's you. Please type the email address or phone number on your account.";

    public const string NotAContact =
        "That doesn't look like an email address or phone number. Please type the email address or phone number on your account.";

    public static string ContactReceived(TimeSpan lifetime) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "Thanks. If that matches an account, {0} code is on its way to the contact details on file. Please type the code here. It expires in {1} minutes.",
            DigitsWithArticle,
            (int)lifetime.TotalMinutes);

    public const string StillWaiting =
        "Please type the verification code we sent to the contact details on file.";

    public const string Verified = "Thank you, you're verified.";

    public static string WrongCode(int remaining) =>
        remaining == 1
            ? "That code isn't right. You have 1 more try."
            : string.Format(CultureInfo.InvariantCulture, "That code isn't right. You have {0} more tries.", remaining);

    public const string Locked =
        "Too many wrong codes. Verification is locked for now; please try again later or ask the agent for help.";

    public const string OpsLocked =
        "Verification in chat is locked for this account after too many wrong codes. Please contact our support team another way to unlock it.";

    /// <summary>A start refused because the account got too many codes lately.</summary>
    public static string RateLimited(TimeSpan retryAfter) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "Several codes were sent for this account recently, so for your security I can't send another one yet. Please use the latest code, or try again in about {0} minutes.",
            Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes)));

    public const string OnlyToContactOnFile =
        "For your security, I can only send codes to the email address or phone number already on your account, never to one given in the chat. "
        + "If your contact details have changed, the agent can help once you're verified.";

    /// <summary>The factor asked for is not allowed or not on file for the account.</summary>
    public static string FactorUnavailable(VerificationFactor factor) =>
        factor == VerificationFactor.Sms
            ? "I can't send a code by text message for this account. Please type the code we already sent."
            : "I can't send a code by email for this account. Please type the code we already sent.";

    public const string Expired =
        "That code has expired. Ask again and I'll send a new one.";

    public const string DeliveryFailed =
        "I couldn't send a verification code just now. Please try again in a few minutes.";

    public const string NoFactor =
        "I can't send a verification code for this account in chat. Please ask the agent for help.";

    public const string CodeEnteredTranscriptNote = "[verification code entered]";

    public const string ContactEnteredTranscriptNote = "[contact details entered for verification]";

    /// <summary>What the agent's transcript shows when the customer asked for the code another way.</summary>
    public static string FactorSwitchTranscriptNote(VerificationFactor factor) =>
        factor == VerificationFactor.Sms ? "[asked for the verification code by text message]" : "[asked for the verification code by email]";

    public const string RedirectRefusedTranscriptNote = "[asked for the verification code at a contact not on file: refused]";

    /// <summary>"an 8-digit": the article goes with <see cref="VerificationCode.Length"/> (update it when the length changes).</summary>
    private static string DigitsWithArticle => string.Create(CultureInfo.InvariantCulture, $"an {VerificationCode.Length}-digit");

    private static string Destination(VerificationFactor factor) =>
        factor == VerificationFactor.Sms ? "by text message to the phone number we have on file" : "to the email address we have on file";

    private static string Offer(VerificationFactor? alternative) => alternative switch
    {
        VerificationFactor.Sms => " If you'd rather get it by text message, type \"send it by text instead\".",
        VerificationFactor.Email => " If you'd rather get it by email, type \"send it by email instead\".",
        _ => string.Empty,
    };
}
