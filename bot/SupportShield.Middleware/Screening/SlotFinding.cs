using SupportShield.Detection.Entities;

namespace SupportShield.Middleware.Screening;

/// <summary>A finding and the text slot of the activity it was found in.</summary>
public sealed record SlotFinding(TextSlot Slot, Finding Finding);
