using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Agents;
using SupportShield.Bot.Ops;

namespace SupportShield.Bot.Access;

/// <summary>Tells which role a presented key has, comparing against every configured key in constant time.</summary>
public sealed class ApiKeyRing
{
    private readonly IOptionsMonitor<AgentApiOptions> _agent;
    private readonly IOptionsMonitor<OpsApiOptions> _ops;

    public ApiKeyRing(IOptionsMonitor<AgentApiOptions> agent, IOptionsMonitor<OpsApiOptions> ops)
    {
        _agent = agent ?? throw new ArgumentNullException(nameof(agent));
        _ops = ops ?? throw new ArgumentNullException(nameof(ops));
    }

    /// <summary>The role of <paramref name="presented"/> among <paramref name="candidates"/>, or null when it is none of theirs.</summary>
    public ApiRole? RoleOf(string presented, IReadOnlyCollection<ApiRole> candidates)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(candidates);
        if (presented.Length == 0)
        {
            return null;
        }

        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiRole? found = null;
        foreach (var role in candidates)
        {
            // Every list is walked to the end, so the time taken does not tell which key (or role) matched.
            if (Matches(presentedHash, KeysOf(role)) && found is null)
            {
                found = role;
            }
        }

        return found;
    }

    private IEnumerable<string> KeysOf(ApiRole role) => role switch
    {
        ApiRole.Agent => _agent.CurrentValue.ApiKeys,
        ApiRole.Supervisor => _agent.CurrentValue.SupervisorKeys,
        ApiRole.Ops => _ops.CurrentValue.ApiKeys,
        _ => [],
    };

    private static bool Matches(byte[] presentedHash, IEnumerable<string> keys)
    {
        var known = false;
        foreach (var key in keys)
        {
            if (!string.IsNullOrEmpty(key))
            {
                known |= CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
            }
        }

        return known;
    }
}
