using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace SupportShield.Bot.BotFramework;

/// <summary>
/// Bot Framework authentication whose clients cost nothing per turn. The adapter asks for a new connector client and a new
/// user-token client on every turn, and building one (its user-agent header is parsed with a regular expression built
/// anew, its JSON settings come fresh) was about a tenth of the host's CPU per turn under load. Here a connector client is
/// made once per bot, service URL and audience and lent to every turn (<see cref="LentConnectorClient"/>: a turn's dispose
/// leaves it open); its credentials refresh their own tokens. The user-token client is made only when a turn asks for a
/// user token (<see cref="LazyUserTokenClient"/>); SupportShield's own turns never do. Everything else is the inner
/// authentication's.
/// </summary>
public sealed class SharedClientsBotFrameworkAuthentication : BotFrameworkAuthentication
{
    /// <summary>Connector clients kept at most (one per bot, service URL and audience); beyond that each turn gets its own.</summary>
    public const int MaxSharedClients = 256;

    private readonly BotFrameworkAuthentication _inner;
    private readonly ConcurrentDictionary<(string? AppId, string ServiceUrl, string? Audience), Lazy<Task<IConnectorClient>>> _clients = new();

    public SharedClientsBotFrameworkAuthentication(BotFrameworkAuthentication inner) =>
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        Shared(await _inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        Shared(await _inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity)
    {
        ArgumentNullException.ThrowIfNull(claimsIdentity);
        return new SharedConnectorFactory(this, _inner.CreateConnectorFactory(claimsIdentity), IdentityOf(claimsIdentity));
    }

    /// <inheritdoc />
    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        Task.FromResult<UserTokenClient>(new LazyUserTokenClient(ct => _inner.CreateUserTokenClientAsync(claimsIdentity, ct)));

    /// <inheritdoc />
    public override BotFrameworkClient CreateBotFrameworkClient() => _inner.CreateBotFrameworkClient();

    /// <inheritdoc />
    public override string GetOriginatingAudience() => _inner.GetOriginatingAudience();

    /// <inheritdoc />
    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        _inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    /// <summary>The result with its connector factory lending shared clients (an incoming turn's replies use this one).</summary>
    private AuthenticateRequestResult Shared(AuthenticateRequestResult result)
    {
        if (result?.ConnectorFactory is { } factory and not SharedConnectorFactory)
        {
            result.ConnectorFactory = new SharedConnectorFactory(this, factory, result.ClaimsIdentity is { } identity ? IdentityOf(identity) : null);
        }

        return result!;
    }

    /// <summary>Who the clients act for: the caller's app id (v1 and v2 tokens) and audience; empty for an anonymous turn.</summary>
    private static string IdentityOf(ClaimsIdentity claimsIdentity) =>
        string.Join('|', claimsIdentity.Claims
            .Where(c => c.Type is AuthenticationConstants.AppIdClaim or AuthenticationConstants.AuthorizedParty or AuthenticationConstants.AudienceClaim)
            .Select(c => c.Type + "=" + c.Value)
            .Order(StringComparer.Ordinal));

    /// <summary>The shared client for the key, made by <paramref name="inner"/> the first time; a failed making is not kept.</summary>
    private async Task<IConnectorClient> LendAsync((string? AppId, string ServiceUrl, string? Audience) key, ConnectorFactory inner, CancellationToken cancellationToken)
    {
        if (_clients.Count >= MaxSharedClients && !_clients.ContainsKey(key))
        {
            return ConnectorClientContracts.Share(await inner.CreateAsync(key.ServiceUrl, key.Audience, cancellationToken).ConfigureAwait(false));
        }

        var made = _clients.GetOrAdd(key, k => new Lazy<Task<IConnectorClient>>(
            async () => ConnectorClientContracts.Share(await inner.CreateAsync(k.ServiceUrl, k.Audience, CancellationToken.None).ConfigureAwait(false))));
        try
        {
            return new LentConnectorClient(await made.Value.WaitAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception) when (made.Value.IsFaulted)
        {
            _clients.TryRemove(new KeyValuePair<(string?, string, string?), Lazy<Task<IConnectorClient>>>(key, made));
            throw;
        }
    }

    private sealed class SharedConnectorFactory(SharedClientsBotFrameworkAuthentication owner, ConnectorFactory inner, string? appId) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
        {
            ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
            return owner.LendAsync((appId, serviceUrl, audience), inner, cancellationToken);
        }
    }
}
