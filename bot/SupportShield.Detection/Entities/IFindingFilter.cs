namespace SupportShield.Detection.Entities;

/// <summary>Drops findings that must never count, for example the company's own phone number (an allow-list).</summary>
public interface IFindingFilter
{
    /// <summary>True when <paramref name="finding"/> (in <paramref name="text"/>, the original text) is kept.</summary>
    bool Keep(Finding finding, string text);
}
