namespace SupportShield.Bot.Ops;

/// <summary>Ops API settings, bound from <c>SupportShield:Ops</c>.</summary>
public sealed class OpsApiOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SupportShield:Ops";

    /// <summary>Keys for <c>/api/ops</c>, distinct from agent and supervisor keys. Default: none, so every ops call is refused.</summary>
    public IList<string> ApiKeys { get; } = [];
}
