using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using SupportShield.Bot.BotFramework;

namespace SupportShield.Bot.DirectLine;

/// <summary>Makes connector clients: for the embedded connector, one that presents the connector key; otherwise the usual one.</summary>
internal sealed class DirectLineConnectorFactory : ConnectorFactory
{
    private readonly ConnectorFactory _inner;
    private readonly DirectLineConnector _connector;
    private readonly IHttpClientFactory _httpClients;

    public DirectLineConnectorFactory(ConnectorFactory inner, DirectLineConnector connector, IHttpClientFactory httpClients)
    {
        _inner = inner;
        _connector = connector;
        _httpClients = httpClients;
    }

    public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
    {
        if (!_connector.IsEmbedded(serviceUrl))
        {
            return _inner.CreateAsync(serviceUrl, audience, cancellationToken);
        }

        var client = ConnectorClientContracts.Share(new ConnectorClient(
            new Uri(serviceUrl),
            new DirectLineConnectorCredentials(_connector.Key),
            _httpClients.CreateClient(DirectLineConnector.HttpClientName),
            disposeHttpClient: false));
        return Task.FromResult(client);
    }
}
