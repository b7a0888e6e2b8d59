using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace SupportShield.Bot.Redis;

/// <summary>The SignalR Redis backplane, so that a message sent through one instance's hub context reaches clients connected to any instance.</summary>
public static class RedisSignalRServerBuilderExtensions
{
    /// <summary>
    /// With <c>SupportShield:Redis:ConnectionString</c> set, adds the StackExchange.Redis backplane with the channel prefix
    /// <c>{KeyPrefix}signalr</c>; a no-op when Redis is off. Call it on <c>services.AddSignalR()</c>.
    /// </summary>
    public static ISignalRServerBuilder AddSupportShieldRedisBackplane(this ISignalRServerBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        options.Validate();
        builder.AddStackExchangeRedis(backplane =>
        {
            backplane.Configuration = options.ToConfiguration();
            backplane.Configuration.ChannelPrefix = RedisChannel.Literal(options.KeyPrefix + "signalr");
        });
        return builder;
    }
}
