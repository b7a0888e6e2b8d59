using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using SupportShield.Bot.BotFramework;

namespace SupportShield.Bot.Tests.BotFramework;

public sealed class SharedClientsBotFrameworkAuthenticationTests
{
    [Test]
    public async Task ConnectorClients_OfOneServiceUrl_AreOneClient_ThatATurnsDisposeLeavesOpen()
    {
        var counting = new CountingAuthentication(BotFrameworkAuthenticationFactory.Create());
        var authentication = new SharedClientsBotFrameworkAuthentication(counting);

        var first = await authentication.CreateConnectorFactory(new ClaimsIdentity()).CreateAsync("http://127.0.0.1:1/", null!, CancellationToken.None);
        first.Dispose();
        using var second = await authentication.CreateConnectorFactory(new ClaimsIdentity()).CreateAsync("http://127.0.0.1:1/", null!, CancellationToken.None);

        Assert.That(counting.ConnectorClientsMade, Is.EqualTo(1), "the second turn borrows the first turn's client");
        Assert.That(second.Conversations, Is.SameAs(first.Conversations));
        var shared = (ConnectorClient)((LentConnectorClient)second).Shared;
        Assert.That(shared.HttpClient, Is.Not.Null, "the shared client was not disposed by the first turn");
        Assert.That(second.BaseUri, Is.EqualTo(new Uri("http://127.0.0.1:1/")));
        Assert.That(() => second.BaseUri = new Uri("http://127.0.0.1:9/"), Throws.InstanceOf<NotSupportedException>());
    }

    [Test]
    public async Task ConnectorClients_OfDifferentServiceUrlsOrCallers_AreDifferent_AndShareTheirContractResolvers()
    {
        var counting = new CountingAuthentication(BotFrameworkAuthenticationFactory.Create());
        var authentication = new SharedClientsBotFrameworkAuthentication(counting);
        var caller = new ClaimsIdentity([new Claim(AuthenticationConstants.AudienceClaim, "bot-a"), new Claim(AuthenticationConstants.AppIdClaim, "caller-a")]);

        using var first = await authentication.CreateConnectorFactory(new ClaimsIdentity()).CreateAsync("http://127.0.0.1:1/", null!, CancellationToken.None);
        using var second = await authentication.CreateConnectorFactory(new ClaimsIdentity()).CreateAsync("http://127.0.0.1:2/", null!, CancellationToken.None);
        using var other = await authentication.CreateConnectorFactory(caller).CreateAsync("http://127.0.0.1:1/", null!, CancellationToken.None);
        using var plain = (ConnectorClient)await BotFrameworkAuthenticationFactory.Create().CreateConnectorFactory(new ClaimsIdentity()).CreateAsync("http://127.0.0.1:3/", null!, CancellationToken.None);

        Assert.That(counting.ConnectorClientsMade, Is.EqualTo(3));
        Assert.That(second.Conversations, Is.Not.SameAs(first.Conversations));
        Assert.That(other.Conversations, Is.Not.SameAs(first.Conversations), "another caller's turns get their own client (their own credentials)");
        Assert.That(second.BaseUri, Is.EqualTo(new Uri("http://127.0.0.1:2/")));
        Assert.That(second.SerializationSettings.ContractResolver, Is.SameAs(first.SerializationSettings.ContractResolver));
        Assert.That(second.DeserializationSettings.ContractResolver, Is.SameAs(first.DeserializationSettings.ContractResolver));
        Assert.That(plain.SerializationSettings.ContractResolver, Is.Not.SameAs(first.SerializationSettings.ContractResolver), "without the wrapper every client has its own");
        Assert.That(second.SerializationSettings.ContractResolver!.GetType(), Is.EqualTo(plain.SerializationSettings.ContractResolver!.GetType()));
    }

    [Test]
    public async Task IncomingTurn_ConnectorFactoryOfItsAuthentication_LendsTheSharedClient()
    {
        var counting = new CountingAuthentication(BotFrameworkAuthenticationFactory.Create());
        var authentication = new SharedClientsBotFrameworkAuthentication(counting);
        var activity = new Activity(ActivityTypes.Message) { ChannelId = "test", ServiceUrl = "http://127.0.0.1:1/" };

        var first = await authentication.AuthenticateRequestAsync(activity, string.Empty, CancellationToken.None);
        var second = await authentication.AuthenticateRequestAsync(activity, string.Empty, CancellationToken.None);
        using var a = await first.ConnectorFactory.CreateAsync("http://127.0.0.1:1/", first.Audience, CancellationToken.None);
        using var b = await second.ConnectorFactory.CreateAsync("http://127.0.0.1:1/", second.Audience, CancellationToken.None);

        Assert.That(b.Conversations, Is.SameAs(a.Conversations), "the replies of an incoming turn go through the shared client too");
    }

    [Test]
    public async Task ConnectorClient_ThatCannotBeMade_IsNotKept()
    {
        var counting = new CountingAuthentication(BotFrameworkAuthenticationFactory.Create()) { FailNextConnector = true };
        var authentication = new SharedClientsBotFrameworkAuthentication(counting);

        Assert.That(async () => await authentication.CreateConnectorFactory(new ClaimsIdentity()).CreateAsync("http://127.0.0.1:1/", null!, CancellationToken.None),
            Throws.InvalidOperationException);
        using var next = await authentication.CreateConnectorFactory(new ClaimsIdentity()).CreateAsync("http://127.0.0.1:1/", null!, CancellationToken.None);

        Assert.That(next.Conversations, Is.Not.Null);
        Assert.That(counting.ConnectorClientsMade, Is.EqualTo(2), "the failure was not remembered");
    }

    [Test]
    public async Task UserTokenClient_IsMadeOnlyWhenATokenIsAskedFor()
    {
        var counting = new CountingAuthentication(BotFrameworkAuthenticationFactory.Create());
        var authentication = new SharedClientsBotFrameworkAuthentication(counting);

        using (await authentication.CreateUserTokenClientAsync(new ClaimsIdentity(), CancellationToken.None))
        {
        }

        Assert.That(counting.UserTokenClientsMade, Is.Zero, "a turn that never asks for a token makes no client");

        using var client = await authentication.CreateUserTokenClientAsync(new ClaimsIdentity(), CancellationToken.None);
        Assert.That(async () => await client.GetUserTokenAsync("user", "connection", "test", null!, CancellationToken.None), Throws.Exception);
        Assert.That(counting.UserTokenClientsMade, Is.EqualTo(1));
    }

    /// <summary>The inner authentication, counting the clients it makes.</summary>
    private sealed class CountingAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
    {
        private int _connectorClients;
        private int _userTokenClients;

        public int ConnectorClientsMade => _connectorClients;

        public int UserTokenClientsMade => _userTokenClients;

        public bool FailNextConnector { get; set; }

        public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
            inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);

        public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
            inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);

        public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => new Factory(this, inner.CreateConnectorFactory(claimsIdentity));

        public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _userTokenClients);
            return inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);
        }

        public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

        private sealed class Factory(CountingAuthentication owner, ConnectorFactory factory) : ConnectorFactory
        {
            public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref owner._connectorClients);
                if (owner.FailNextConnector)
                {
                    owner.FailNextConnector = false;
                    throw new InvalidOperationException("no credentials today");
                }

                return factory.CreateAsync(serviceUrl, audience, cancellationToken);
            }
        }
    }
}
