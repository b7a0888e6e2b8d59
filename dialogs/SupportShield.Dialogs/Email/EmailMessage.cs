namespace SupportShield.Dialogs.Email;

/// <summary>An email to send. Its body may carry a one-time code: it travels only to the contact on file.</summary>
public sealed record EmailMessage(string To, string Subject, string Body);
