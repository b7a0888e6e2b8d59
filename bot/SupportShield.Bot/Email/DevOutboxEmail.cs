namespace SupportShield.Bot.Email;

/// <summary>An email kept in the dev outbox. Serializes as <c>{"to","subject","body","time"}</c>.</summary>
public sealed record DevOutboxEmail(string To, string Subject, string Body, DateTimeOffset Time);
