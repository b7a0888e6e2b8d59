using StackExchange.Redis;

namespace SupportShield.Bot.Redis;

/// <summary>
/// Redis, bound from <c>SupportShield:Redis</c>. Off (everything stays in-process) while <see cref="ConnectionString"/> is
/// empty; on, it holds what several instances behind a load balancer must share: rate-limit counters, verification locks,
/// the Data Protection keys of the console cookies and (through <see cref="RedisSignalRServerBuilderExtensions"/>) the
/// SignalR backplane.
/// </summary>
public sealed class RedisOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SupportShield:Redis";

    /// <summary>The Data Protection application name shared by every instance, so that each reads the others' cookies.</summary>
    public const string DataProtectionApplicationName = "SupportShield";

    /// <summary>StackExchange.Redis connection string (for example <c>cache:6380,ssl=True,password=...</c>). Default empty: off.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Prefix of every key and of the SignalR channels, so that one Redis can serve several deployments. Default <c>supportshield:</c>.</summary>
    public string KeyPrefix { get; set; } = "supportshield:";

    /// <summary>How long a verification lock lives at most, in seconds (longer than sending a code takes). Default 30.</summary>
    public int LockTtlSeconds { get; set; } = 30;

    /// <summary>How long a turn waits for another turn of the same conversation to finish its verification step, in seconds. Default 10.</summary>
    public int LockWaitSeconds { get; set; } = 10;

    /// <summary>
    /// How long an instance counts as having agent consoles after it last said so, in seconds: an instance that dies
    /// without saying goodbye stops drawing pushes from the others after this long. At least three
    /// <see cref="ConsolePresenceIntervalMilliseconds"/>. Default 10.
    /// </summary>
    public int ConsolePresenceTtlSeconds { get; set; } = 10;

    /// <summary>
    /// How often each instance writes whether it has agent consoles and reads whether any instance has, in milliseconds
    /// (see <see cref="RedisAgentConsolePresence"/>): a console connecting to one instance receives pushes caused on the
    /// others within about this long. Default 1000.
    /// </summary>
    public int ConsolePresenceIntervalMilliseconds { get; set; } = 1000;

    /// <summary>True when a connection string is set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>Throws when a value is out of range or the connection string does not parse; called at start-up.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(KeyPrefix) || KeyPrefix.Any(char.IsWhiteSpace))
        {
            throw new InvalidOperationException("SupportShield:Redis:KeyPrefix must be non-empty and contain no spaces.");
        }

        if (LockTtlSeconds is < 1 or > 600)
        {
            throw new InvalidOperationException("SupportShield:Redis:LockTtlSeconds must be between 1 and 600.");
        }

        if (LockWaitSeconds < 0 || LockWaitSeconds > LockTtlSeconds)
        {
            throw new InvalidOperationException("SupportShield:Redis:LockWaitSeconds must be between 0 and LockTtlSeconds.");
        }

        if (ConsolePresenceTtlSeconds is < 1 or > 300)
        {
            throw new InvalidOperationException("SupportShield:Redis:ConsolePresenceTtlSeconds must be between 1 and 300.");
        }

        if (ConsolePresenceIntervalMilliseconds < 100 || ConsolePresenceIntervalMilliseconds * 3L > ConsolePresenceTtlSeconds * 1000L)
        {
            throw new InvalidOperationException("SupportShield:Redis:ConsolePresenceIntervalMilliseconds must be at least 100 and at most a third of ConsolePresenceTtlSeconds.");
        }

        if (Enabled)
        {
            try
            {
                _ = ConfigurationOptions.Parse(ConnectionString);
            }
            catch (ArgumentException)
            {
                // The parser's message may quote the string, and with it the password: name the problem only.
                throw new InvalidOperationException("SupportShield:Redis:ConnectionString is not a valid StackExchange.Redis connection string.");
            }
        }
    }

    /// <summary>
    /// The client configuration: never aborts on a failed first connect (the host starts, and reconnects once Redis is
    /// back), and fails a command at once while disconnected instead of queueing it, so an outage is met by the
    /// fallbacks (message limits in-process, verification refused) without every request waiting out a time-out.
    /// </summary>
    public ConfigurationOptions ToConfiguration()
    {
        var configuration = ConfigurationOptions.Parse(ConnectionString);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= "supportshield";
        return configuration;
    }
}
