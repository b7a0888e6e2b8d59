using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace SupportShield.Bot.BotFramework;

/// <summary>
/// A user-token client made only when first asked for a token: the adapter gives one to every turn, and most turns never
/// use it (SupportShield's own never do), while making one costs as much as a connector client.
/// </summary>
internal sealed class LazyUserTokenClient : UserTokenClient
{
    private readonly Func<CancellationToken, Task<UserTokenClient>> _create;
    private readonly Lock _lock = new();
    private Task<UserTokenClient>? _made;
    private bool _disposed;

    public LazyUserTokenClient(Func<CancellationToken, Task<UserTokenClient>> create) =>
        _create = create ?? throw new ArgumentNullException(nameof(create));

    /// <summary>Whether the real client has been made.</summary>
    public bool IsMade => _made is not null;

    /// <inheritdoc />
    public override async Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken).ConfigureAwait(false)).GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override async Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken).ConfigureAwait(false)).GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override async Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken).ConfigureAwait(false)).SignOutUserAsync(userId, connectionName, channelId, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override async Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken).ConfigureAwait(false)).GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override async Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken).ConfigureAwait(false)).GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override async Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken).ConfigureAwait(false)).ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Task<UserTokenClient>? made;
            lock (_lock)
            {
                _disposed = true;
                made = _made;
            }

            if (made is { IsCompletedSuccessfully: true })
            {
                made.Result.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private Task<UserTokenClient> InnerAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _made ??= _create(cancellationToken);
        }
    }
}
