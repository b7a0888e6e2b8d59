namespace SupportShield.Dialogs.Sms;

/// <summary>A text message to send. Its body may carry a one-time code: it travels only to the phone on file.</summary>
public sealed record SmsMessage(string To, string Body);
