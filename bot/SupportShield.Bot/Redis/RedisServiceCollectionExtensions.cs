using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Health;
using SupportShield.Bot.Locking;
using SupportShield.Bot.RateLimiting;

namespace SupportShield.Bot.Redis;

/// <summary>Registers Redis for what several instances must share, when <c>SupportShield:Redis:ConnectionString</c> is set.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>SupportShield:Redis</c> (see <see cref="RedisOptions"/>). Off: verification locks are in-process (and
    /// rate limits stay in-process, as registered by <c>AddSupportShieldRateLimits</c>). On: rate-limit counters and
    /// verification locks live in Redis, the Data Protection keys (console cookies) are kept in Redis under one application
    /// name, and <c>/readyz</c> checks Redis with PING.
    /// </summary>
    public static IServiceCollection AddSupportShieldRedis(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RedisOptions>()
            .Bind(configuration.GetSection(RedisOptions.SectionName))
            .Validate(o =>
            {
                o.Validate();
                return true;
            })
            .ValidateOnStart();

        var options = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (!options.Enabled)
        {
            services.TryAddSingleton<IDistributedLock, InProcessDistributedLock>();
            return services;
        }

        services.TryAddSingleton<RedisConnection>();
        services.Replace(ServiceDescriptor.Singleton<IRateLimitStore, RedisRateLimitStore>());
        services.Replace(ServiceDescriptor.Singleton<IDistributedLock, RedisDistributedLock>());

        // Every instance must read the cookies the others issued: one application name, one key ring, kept in Redis.
        services.AddDataProtection().SetApplicationName(RedisOptions.DataProtectionApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<RedisConnection>((keys, redis) =>
            keys.XmlRepository = new RedisXmlRepository(() => redis.Database, redis.Options.KeyPrefix + "dataprotection-keys"));

        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>Wraps <paramref name="inner"/> so that a conversation's verification steps run under its lock (see <see cref="ConversationLockingVerificationGateway"/>).</summary>
    public static ConversationLockingVerificationGateway LockingGateway(IServiceProvider services, Middleware.Verification.IVerificationGateway inner)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetService<IOptions<RedisOptions>>()?.Value ?? new RedisOptions();
        return new ConversationLockingVerificationGateway(
            inner,
            services.GetService<IDistributedLock>() ?? new InProcessDistributedLock(),
            TimeSpan.FromSeconds(options.LockTtlSeconds),
            TimeSpan.FromSeconds(options.LockWaitSeconds));
    }
}
