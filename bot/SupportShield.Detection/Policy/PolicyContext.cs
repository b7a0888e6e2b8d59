namespace SupportShield.Detection.Policy;

/// <summary>The facts about a message that the policy table looks at besides its findings.</summary>
/// <param name="Direction">Incoming (from the customer) or outgoing (to the customer).</param>
/// <param name="CustomerVerified">Whether the conversation's customer has verified their identity.</param>
public sealed record PolicyContext(ScreeningDirection Direction, bool CustomerVerified);
