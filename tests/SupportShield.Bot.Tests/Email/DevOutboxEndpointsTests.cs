using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportShield.Bot.Email;
using SupportShield.Bot.Tests.Support;
using SupportShield.Dialogs.Email;

namespace SupportShield.Bot.Tests.Email;

public sealed class DevOutboxEndpointsTests
{
    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task GetOutbox_LoopbackCallerOnRealKestrel_ReturnsEmailsNewestFirst()
    {
        await using var app = BuildApp([]);
        await app.StartAsync();
        var sender = app.Services.GetRequiredService<IEmailSender>();
        await sender.SendAsync(new EmailMessage("jane.doe@example.com", "first", "code 111111"));
        await sender.SendAsync(new EmailMessage("jane.doe@example.com", "second", "code 222222"));
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var response = await client.GetAsync(DevOutboxEndpoints.Path);
        var emails = await response.Content.ReadFromJsonAsync<List<Dictionary<string, object>>>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(emails!.Select(e => e["subject"]?.ToString()), Is.EqualTo(new[] { "second", "first" }));
        Assert.That(emails![0].Keys, Is.EquivalentTo(new[] { "to", "subject", "body", "time" }));
        Assert.That(emails[0]["body"]?.ToString(), Is.EqualTo("code 222222"));
        await app.StopAsync();
    }

    [TestCase("203.0.113.7")]
    [TestCase("192.168.1.20")]
    [TestCase("2001:db8::1")]
    public async Task GetOutbox_RemoteCaller_NotFound(string address)
    {
        await using var app = BuildApp([]);
        var context = Context(app.Services, IPAddress.Parse(address));

        var status = await Execute(context);

        Assert.That(status, Is.EqualTo(StatusCodes.Status404NotFound));
    }

    [Test]
    public async Task GetOutbox_ForwardedThroughLocalProxy_NotFound()
    {
        await using var app = BuildApp([]);
        var context = Context(app.Services, IPAddress.Loopback);
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.7";

        Assert.That(await Execute(context), Is.EqualTo(StatusCodes.Status404NotFound));
    }

    [Test]
    public async Task GetOutbox_SmtpIsActiveSender_NotFound()
    {
        await using var app = BuildApp(new()
        {
            ["SupportShield:Email:Smtp:Host"] = "127.0.0.1",
            ["SupportShield:Email:Smtp:From"] = "no-reply@example.com",
        });
        var context = Context(app.Services, IPAddress.Loopback);

        Assert.That(await Execute(context), Is.EqualTo(StatusCodes.Status404NotFound));
    }

    [Test]
    public async Task GetOutbox_IPv4MappedLoopback_Ok()
    {
        await using var app = BuildApp([]);
        var context = Context(app.Services, IPAddress.Loopback.MapToIPv6());

        Assert.That(await Execute(context), Is.EqualTo(StatusCodes.Status200OK));
    }

    private WebApplication BuildApp(Dictionary<string, string?> settings)
    {
        settings["SupportShield:Storage:SqlitePath"] = _folder.DatabasePath;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSupportShieldEmail(builder.Configuration);
        var app = builder.Build();
        app.MapDevOutbox();
        return app;
    }

    private static DefaultHttpContext Context(IServiceProvider services, IPAddress remote)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Connection.RemoteIpAddress = remote;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<int> Execute(HttpContext context)
    {
        var result = await DevOutboxEndpoints.GetOutboxAsync(context);
        await result.ExecuteAsync(context);
        return context.Response.StatusCode;
    }
}
