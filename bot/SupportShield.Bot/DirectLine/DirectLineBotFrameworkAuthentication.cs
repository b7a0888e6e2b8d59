using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace SupportShield.Bot.DirectLine;

/// <summary>
/// The bot's Bot Framework authentication with one change: connector clients for the embedded Direct Line connector
/// present the in-process connector key (replies in Direct Line turns, agent messages and other proactive sends).
/// Everything else is the configured authentication's.
/// </summary>
internal sealed class DirectLineBotFrameworkAuthentication : BotFrameworkAuthentication
{
    private readonly BotFrameworkAuthentication _inner;
    private readonly DirectLineConnector _connector;
    private readonly IHttpClientFactory _httpClients;

    public DirectLineBotFrameworkAuthentication(BotFrameworkAuthentication inner, DirectLineConnector connector, IHttpClientFactory httpClients)
    {
        _inner = inner;
        _connector = connector;
        _httpClients = httpClients;
    }

    /// <summary>Requests that reach <c>/api/messages</c> keep the configured factory: only turns of the embedded Direct Line and proactive turns reach its connector.</summary>
    public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        _inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);

    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        _inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => Wrap(_inner.CreateConnectorFactory(claimsIdentity));

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        _inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => _inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => _inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        _inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private ConnectorFactory Wrap(ConnectorFactory inner) =>
        inner is DirectLineConnectorFactory ? inner : new DirectLineConnectorFactory(inner, _connector, _httpClients);
}
