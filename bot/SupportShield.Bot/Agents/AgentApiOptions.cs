namespace SupportShield.Bot.Agents;

/// <summary>Agent API settings, bound from <c>SupportShield:Agent</c>. A key may appear in one list only (checked at start).</summary>
public sealed class AgentApiOptions
{
    /// <summary>Keys that agents present as <c>Authorization: Bearer KEY</c>. Default: none, so every agent call is refused.</summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>
    /// Keys of supervisors: they approve or reject override requests and may read conversations, nothing else on the
    /// agent API. Default: none, so no override can be approved.
    /// </summary>
    public IList<string> SupervisorKeys { get; } = [];
}
