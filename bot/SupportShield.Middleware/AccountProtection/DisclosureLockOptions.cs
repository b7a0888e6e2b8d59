namespace SupportShield.Middleware.AccountProtection;

/// <summary>Disclosure lock settings, bound from <c>SupportShield:Protection</c>.</summary>
public sealed class DisclosureLockOptions
{
    /// <summary>How long after a customer's own lock the owner may lift it in the chat. Default 7 days.</summary>
    public TimeSpan OwnerCoolingOff { get; set; } = TimeSpan.FromDays(7);
}
