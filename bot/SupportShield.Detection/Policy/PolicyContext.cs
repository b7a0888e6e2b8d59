namespace SupportShield.Detection.Policy;

/// <summary>The facts about a message that the policy table looks at besides its findings.</summary>
/// <param name="Direction">Incoming (from the customer) or outgoing (to the customer).</param>
/// <param name="CustomerVerified">Whether the conversation's customer has verified their identity.</param>
/// <param name="VerificationLevel">How the customer verified (a <see cref="VerificationLevels"/> name), or null when not
/// known; the policy table's step-up levels say which types each level unlocks.</param>
public sealed record PolicyContext(ScreeningDirection Direction, bool CustomerVerified, string? VerificationLevel = null);
