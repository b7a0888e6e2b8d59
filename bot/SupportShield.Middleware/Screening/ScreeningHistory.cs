namespace SupportShield.Middleware.Screening;

/// <summary>What was said just before an outgoing message, so that a value split over messages or a confirmation of a
/// customer's guess is caught.</summary>
/// <param name="RecentFromSameSender">The sender's recent delivered messages, oldest first.</param>
/// <param name="PreviousFromCustomer">The customer's last message, or null.</param>
public sealed record ScreeningHistory(IReadOnlyList<string> RecentFromSameSender, string? PreviousFromCustomer)
{
    public static ScreeningHistory None { get; } = new([], null);
}
