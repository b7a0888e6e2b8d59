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

    /// <summary>The role of <paramref name="presented"/> among every role, or null when it is no configured key.</summary>
    public ApiRole? RoleOf(string presented) => RoleOf(presented, AllRoles);

    /// <summary>A fingerprint of <paramref name="key"/> (a truncated SHA-256), kept in console sessions instead of the key.</summary>
    public static string Fingerprint(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 16);
    }

    /// <summary>Whether a key with <paramref name="fingerprint"/> is still configured for <paramref name="role"/>.</summary>
    public bool HasKeyWithFingerprint(ApiRole role, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var found = false;
        foreach (var key in KeysOf(role))
        {
            if (!string.IsNullOrEmpty(key))
            {
                found |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Fingerprint(key)), Encoding.ASCII.GetBytes(fingerprint));
            }
        }

        return found;
    }

    private static readonly ApiRole[] AllRoles = [ApiRole.Agent, ApiRole.Supervisor, ApiRole.Ops];

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
