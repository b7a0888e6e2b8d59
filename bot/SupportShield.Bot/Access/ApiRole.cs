namespace SupportShield.Bot.Access;

/// <summary>What a key lets its holder do. Each key belongs to exactly one role; no role includes another.</summary>
public enum ApiRole
{
    /// <summary>A support agent (<c>SupportShield:Agent:ApiKeys</c>): the agent API.</summary>
    Agent,

    /// <summary>A supervisor (<c>SupportShield:Agent:SupervisorKeys</c>): approves or rejects override requests, reads conversations.</summary>
    Supervisor,

    /// <summary>Operations (<c>SupportShield:Ops:ApiKeys</c>): the ops API under <c>/api/ops</c>.</summary>
    Ops,
}
