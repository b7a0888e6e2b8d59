using System.Net.Http.Headers;
using Microsoft.Rest;

namespace SupportShield.Bot.DirectLine;

/// <summary>Credentials of the bot's calls to the embedded connector: the in-process connector key.</summary>
internal sealed class DirectLineConnectorCredentials : ServiceClientCredentials
{
    private readonly string _key;

    public DirectLineConnectorCredentials(string key)
    {
        _key = key;
    }

    public override Task ProcessHttpRequestAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        return Task.CompletedTask;
    }
}
