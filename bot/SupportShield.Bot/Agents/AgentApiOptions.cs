namespace SupportShield.Bot.Agents;

/// <summary>Agent API settings, bound from <c>SupportShield:Agent</c>.</summary>
public sealed class AgentApiOptions
{
    /// <summary>Keys that agents present as <c>Authorization: Bearer KEY</c>. Default: none, so every call is refused.</summary>
    public IList<string> ApiKeys { get; } = [];
}
