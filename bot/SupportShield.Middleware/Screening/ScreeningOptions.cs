namespace SupportShield.Middleware.Screening;

/// <summary>Limits of the screening, bound from <c>SupportShield:Screening</c>.</summary>
public sealed class ScreeningOptions
{
    /// <summary>Most characters of text one activity may carry; a larger outgoing activity is blocked with a clear reason. Default 65,536.</summary>
    public int MaxActivityCharacters { get; set; } = 65_536;
}
