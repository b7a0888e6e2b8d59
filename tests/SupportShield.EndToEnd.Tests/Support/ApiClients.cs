using System.Net.Http.Headers;

namespace SupportShield.EndToEnd.Tests.Support;

/// <summary>HTTP clients presenting the supervisor or ops key of <see cref="ApiClients.Configure"/>, or any key.</summary>
internal static class ApiClients
{
    public const string SupervisorKey = "e2e-supervisor-key";
    public const string OpsKey = "e2e-ops-key";

    /// <summary>Adds the supervisor and ops keys to a scenario's settings.</summary>
    public static void Configure(Dictionary<string, string?> settings)
    {
        settings["SupportShield:Agent:SupervisorKeys:0"] = SupervisorKey;
        settings["SupportShield:Ops:ApiKeys:0"] = OpsKey;
    }

    /// <summary>A client of <paramref name="host"/> that presents <paramref name="key"/> (none when null).</summary>
    public static HttpClient For(BotHost host, string? key)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }
}
