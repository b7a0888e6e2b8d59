namespace SupportShield.Detection.Intent;

/// <summary>What a customer's message asks for. When several fit, the highest wins: RequestPii &gt; ChangeContact &gt; ProvidePii &gt; None.</summary>
public enum CustomerIntent
{
    None,
    ProvidePii,
    ChangeContact,
    RequestPii,
}
