namespace SupportShield.Detection.Rules;

/// <summary>A checksum a custom recognizer applies to each match; a match that fails it is dropped.</summary>
public enum RuleValidator
{
    /// <summary>No checksum.</summary>
    None,

    /// <summary>Luhn (mod 10) over the digits, as on payment cards.</summary>
    Luhn,

    /// <summary>ISO 7064 mod 97-10 over letters and digits, as on IBANs.</summary>
    Mod97,

    /// <summary>The ABA routing-number checksum over exactly nine digits.</summary>
    Aba,
}
