using SupportShield.Detection.Accounts;
using SupportShield.Middleware.Verification;

namespace SupportShield.Middleware.Accounts;

/// <summary>A customer account as the account directory holds it.</summary>
public sealed record Account
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Email { get; init; }
    public string? Phone { get; init; }
    public string? PostalAddress { get; init; }
    public string? Zip { get; init; }
    public string? CardLast4 { get; init; }
    public DateOnly? DateOfBirth { get; init; }

    /// <summary>The verification factors offered for this account, in order; null: the configured default.</summary>
    public IReadOnlyList<VerificationFactor>? VerificationFactors { get; init; }

    /// <summary>The values the detection engine looks for in messages of a conversation linked to this account.</summary>
    public AccountValues ToAccountValues() => new()
    {
        AccountId = Id,
        Name = Name,
        Email = Email,
        Phone = Phone,
        PostalAddress = PostalAddress,
        Zip = Zip,
        CardLast4 = CardLast4,
        DateOfBirth = DateOfBirth,
    };
}
