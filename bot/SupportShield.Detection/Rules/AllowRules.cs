namespace SupportShield.Detection.Rules;

/// <summary>Values that are never findings (<c>allow</c>): the company's own contact details and known harmless strings.</summary>
public sealed record AllowRules
{
    /// <summary>An allow-list with nothing on it.</summary>
    public static AllowRules Empty { get; } = new();

    /// <summary>Phone numbers, compared by their digits (country code and trunk zero aside).</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];

    /// <summary>Street addresses, compared after normalisation (case, punctuation, street-word abbreviations).</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>Email domains such as <c>shop.example</c>; their subdomains are allowed too.</summary>
    public IReadOnlyList<string> EmailDomains { get; init; } = [];

    /// <summary>Exact strings (case-insensitive) that are never findings of any type.</summary>
    public IReadOnlyList<string> Exact { get; init; } = [];

    /// <summary>True when nothing is on the list.</summary>
    public bool IsEmpty => Phones.Count == 0 && Addresses.Count == 0 && EmailDomains.Count == 0 && Exact.Count == 0;
}
