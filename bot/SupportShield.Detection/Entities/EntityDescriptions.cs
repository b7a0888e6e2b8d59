namespace SupportShield.Detection.Entities;

/// <summary>Plain-word descriptions of findings for agents, for example "holds the street address on file for this account".</summary>
public static class EntityDescriptions
{
    /// <summary>Describes what a finding holds without quoting it.</summary>
    public static string Describe(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var what = Noun(finding.Type);
        return finding.IsOnFile
            ? $"holds {what} on file for this account ({finding.OnFileField})"
            : $"holds {what}";
    }

    /// <summary>A noun phrase for the type, for example "a street address".</summary>
    public static string Noun(EntityType type) => type switch
    {
        EntityType.Person => "a person's name",
        EntityType.Email => "an email address",
        EntityType.Phone => "a phone number",
        EntityType.Address => "a street address",
        EntityType.Zip => "a postcode",
        EntityType.CreditCard => "a card number",
        EntityType.CardLast4 => "the last digits of a card",
        EntityType.Ssn => "a social security number",
        EntityType.DateOfBirth => "a date of birth",
        EntityType.IpAddress => "an IP address",
        EntityType.Iban => "an IBAN",
        EntityType.BankAccount => "a bank account number",
        EntityType.RoutingNumber => "a bank routing number",
        EntityType.AccountId => "an account id or username",
        EntityType.OrderId => "an order number",
        EntityType.Passport => "a passport number",
        EntityType.DriverLicense => "a driving licence number",
        EntityType.Url => "a link",
        EntityType.PasswordOrSecret => "a password or secret code",
        _ => "personal data",
    };
}
