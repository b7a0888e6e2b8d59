using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace SupportShield.Bot.BotFramework;

/// <summary>
/// Bot Framework authentication whose connector clients share their JSON contract resolvers
/// (<see cref="ConnectorClientContracts"/>). Everything else is the inner authentication's.
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
        public override async Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            ConnectorClientContracts.Share(await inner.CreateAsync(serviceUrl, audience, cancellationToken).ConfigureAwait(false));
    }
}
