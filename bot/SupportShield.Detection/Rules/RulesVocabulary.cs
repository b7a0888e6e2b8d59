using SupportShield.Detection.Policy;

namespace SupportShield.Detection.Rules;

/// <summary>The words a rules file uses for actions, directions and validators.</summary>
internal static class RulesVocabulary
{
    public static bool TryParseAction(string value, out PolicyAction action)
    {
        (var ok, action) = value.ToUpperInvariant() switch
        {
            "ALLOW" => (true, PolicyAction.Allow),
            "REDACT" => (true, PolicyAction.Redact),
            "HOLD" => (true, PolicyAction.Hold),
            "BLOCK" => (true, PolicyAction.Block),
            _ => (false, PolicyAction.Allow),
        };
        return ok;
    }

    /// <summary>Parses incoming, outgoing or any (null).</summary>
    public static bool TryParseDirection(string value, out ScreeningDirection? direction)
    {
        (var ok, direction) = value.ToUpperInvariant() switch
        {
            "INCOMING" => (true, ScreeningDirection.Incoming),
            "OUTGOING" => (true, ScreeningDirection.Outgoing),
            "ANY" => (true, (ScreeningDirection?)null),
            _ => (false, null),
        };
        return ok;
    }

    public static bool TryParseValidator(string value, out RuleValidator validator)
    {
        (var ok, validator) = value.ToUpperInvariant() switch
        {
            "NONE" => (true, RuleValidator.None),
            "LUHN" => (true, RuleValidator.Luhn),
            "MOD97" => (true, RuleValidator.Mod97),
            "ABA" => (true, RuleValidator.Aba),
            _ => (false, RuleValidator.None),
        };
        return ok;
    }

    public static string Name(RuleValidator validator) => validator switch
    {
        RuleValidator.Luhn => "luhn",
        RuleValidator.Mod97 => "mod97",
        RuleValidator.Aba => "aba",
        _ => "none",
    };
}
