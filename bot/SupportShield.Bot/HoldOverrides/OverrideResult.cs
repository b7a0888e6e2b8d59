using SupportShield.Middleware.Screening;

namespace SupportShield.Bot.HoldOverrides;

/// <summary>The outcome of an override call, the request concerned and, on approval, what became of the message.</summary>
public sealed record OverrideResult(OverrideOutcome Outcome, OverrideRequest? Request = null, ScreeningOutcome? Delivery = null);
