namespace SupportShield.Detection.Accounts;

/// <summary>
/// The values on file for the account linked to a conversation, so that the engine can recognise them in a message,
/// whole or in part. Every member is optional.
/// </summary>
public sealed record AccountValues
{
    public string? AccountId { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    /// <summary>Street address line, for example "742 Evergreen Terrace, Springfield, OR".</summary>
    public string? PostalAddress { get; init; }
    public string? Zip { get; init; }
    public string? CardLast4 { get; init; }
    public DateOnly? DateOfBirth { get; init; }
}
