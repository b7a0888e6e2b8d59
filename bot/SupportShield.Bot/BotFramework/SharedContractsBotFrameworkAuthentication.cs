using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Serialization;

namespace SupportShield.Bot.BotFramework;

/// <summary>
/// Bot Framework authentication whose connector clients share their JSON contract resolvers. The adapter creates a
/// <see cref="ConnectorClient"/> per turn, and each new client brings new resolvers, so Newtonsoft.Json compiled the
/// property accessors of <see cref="Activity"/> again for every reply: measured at about a quarter of the host's CPU per
/// turn under load. The first client's resolvers (same type, same settings; they cache thread-safely) are given to every
/// later client. Everything else is the inner authentication's.
/// </summary>
public sealed class SharedContractsBotFrameworkAuthentication : BotFrameworkAuthentication
{
    private readonly BotFrameworkAuthentication _inner;

    public SharedContractsBotFrameworkAuthentication(BotFrameworkAuthentication inner) =>
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        _inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);

    /// <inheritdoc />
    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        _inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);

    /// <inheritdoc />
    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new SharedContractsConnectorFactory(_inner.CreateConnectorFactory(claimsIdentity));

    /// <inheritdoc />
    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        _inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    /// <inheritdoc />
    public override BotFrameworkClient CreateBotFrameworkClient() => _inner.CreateBotFrameworkClient();

    /// <inheritdoc />
    public override string GetOriginatingAudience() => _inner.GetOriginatingAudience();

    /// <inheritdoc />
    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        _inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private sealed class SharedContractsConnectorFactory(ConnectorFactory inner) : ConnectorFactory
    {
        private static IContractResolver? _serialization;
        private static IContractResolver? _deserialization;

        public override async Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
        {
            var client = await inner.CreateAsync(serviceUrl, audience, cancellationToken).ConfigureAwait(false);
            if (client is ConnectorClient connector)
            {
                connector.SerializationSettings.ContractResolver = Share(ref _serialization, connector.SerializationSettings.ContractResolver);
                connector.DeserializationSettings.ContractResolver = Share(ref _deserialization, connector.DeserializationSettings.ContractResolver);
            }

            return client;
        }

        /// <summary>The resolver kept from the first client, when the new one is of the same type; otherwise the new one.</summary>
        private static IContractResolver? Share(ref IContractResolver? kept, IContractResolver? fresh)
        {
            if (fresh is null)
            {
                return null;
            }

            var shared = Interlocked.CompareExchange(ref kept, fresh, null) ?? fresh;
            return shared.GetType() == fresh.GetType() ? shared : fresh;
        }
    }
}
