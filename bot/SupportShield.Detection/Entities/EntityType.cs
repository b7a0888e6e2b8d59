namespace SupportShield.Detection.Entities;

/// <summary>The canonical personal-data types. Their wire names (API, audit, rules) come from <see cref="EntityTypeNames"/>.</summary>
public enum EntityType
{
    Person,
    Email,
    Phone,
    Address,
    Zip,
    CreditCard,
    CardLast4,
    Ssn,
    DateOfBirth,
    IpAddress,
    Iban,
    BankAccount,
    RoutingNumber,
    AccountId,
    OrderId,
    Passport,
    DriverLicense,
    Url,
    PasswordOrSecret,
}
