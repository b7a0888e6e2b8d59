namespace SupportShield.Detection.Rules;

/// <summary>One problem in a rules file, at the place where it was found (1-based line and column).</summary>
/// <param name="Line">Line of the offending node, starting at 1.</param>
/// <param name="Column">Column of the offending node, starting at 1.</param>
/// <param name="Message">What is wrong, in words an operator can act on.</param>
public sealed record RulesError(int Line, int Column, string Message)
{
    /// <summary>For example <c>line 12, column 5: unknown action 'drop' (expected allow, redact, hold or block)</c>.</summary>
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}
