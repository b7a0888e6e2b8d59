using System.Collections.Frozen;

namespace SupportShield.Detection.Entities;

/// <summary>Maps <see cref="EntityType"/> to the canonical upper-case names used everywhere outside the code (PERSON, CREDIT_CARD, ...).</summary>
public static class EntityTypeNames
{
    private static readonly FrozenDictionary<EntityType, string> Names = new Dictionary<EntityType, string>
    {
        [EntityType.Person] = "PERSON",
        [EntityType.Email] = "EMAIL",
        [EntityType.Phone] = "PHONE",
        [EntityType.Address] = "ADDRESS",
        [EntityType.Zip] = "ZIP",
        [EntityType.CreditCard] = "CREDIT_CARD",
        [EntityType.CardLast4] = "CARD_LAST4",
        [EntityType.Ssn] = "SSN",
        [EntityType.DateOfBirth] = "DATE_OF_BIRTH",
        [EntityType.IpAddress] = "IP_ADDRESS",
        [EntityType.Iban] = "IBAN",
        [EntityType.BankAccount] = "BANK_ACCOUNT",
        [EntityType.RoutingNumber] = "ROUTING_NUMBER",
        [EntityType.AccountId] = "ACCOUNT_ID",
        [EntityType.OrderId] = "ORDER_ID",
        [EntityType.Passport] = "PASSPORT",
        [EntityType.DriverLicense] = "DRIVER_LICENSE",
        [EntityType.Url] = "URL",
        [EntityType.PasswordOrSecret] = "PASSWORD_OR_SECRET",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, EntityType> Types =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>All canonical names, in declaration order of <see cref="EntityType"/>.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<EntityType>().Select(t => Names[t]).ToArray();

    /// <summary>The canonical name of <paramref name="type"/>, for example CREDIT_CARD.</summary>
    public static string ToCanonicalName(this EntityType type) => Names[type];

    /// <summary>Parses a canonical name (case-insensitive).</summary>
    public static bool TryParse(string? name, out EntityType type)
    {
        if (name is not null && Types.TryGetValue(name.Trim(), out type))
        {
            return true;
        }

        type = default;
        return false;
    }
}
