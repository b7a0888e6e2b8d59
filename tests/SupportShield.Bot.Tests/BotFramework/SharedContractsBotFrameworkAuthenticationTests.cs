using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using SupportShield.Bot.BotFramework;

namespace SupportShield.Bot.Tests.BotFramework;

public sealed class SharedContractsBotFrameworkAuthenticationTests
{
    [Test]
    public async Task ConnectorClients_OfDifferentTurns_ShareTheirContractResolvers_AndKeepTheirOwnAddress()
    {
        var inner = BotFrameworkAuthenticationFactory.Create();
        var authentication = new SharedContractsBotFrameworkAuthentication(inner);

        using var first = (ConnectorClient)await authentication.CreateConnectorFactory(new ClaimsIdentity()).CreateAsync("http://127.0.0.1:1/", null!, CancellationToken.None);
        using var second = (ConnectorClient)await authentication.CreateConnectorFactory(new ClaimsIdentity()).CreateAsync("http://127.0.0.1:2/", null!, CancellationToken.None);
        using var plain = (ConnectorClient)await inner.CreateConnectorFactory(new ClaimsIdentity()).CreateAsync("http://127.0.0.1:3/", null!, CancellationToken.None);

        Assert.That(second.SerializationSettings.ContractResolver, Is.SameAs(first.SerializationSettings.ContractResolver));
        Assert.That(second.DeserializationSettings.ContractResolver, Is.SameAs(first.DeserializationSettings.ContractResolver));
        Assert.That(plain.SerializationSettings.ContractResolver, Is.Not.SameAs(first.SerializationSettings.ContractResolver), "without the wrapper every client has its own");
        Assert.That(second.SerializationSettings.ContractResolver!.GetType(), Is.EqualTo(plain.SerializationSettings.ContractResolver!.GetType()));
        Assert.That(second.BaseUri, Is.EqualTo(new Uri("http://127.0.0.1:2/")));
    }
}
