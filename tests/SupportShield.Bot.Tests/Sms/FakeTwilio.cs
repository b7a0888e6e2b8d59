using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportShield.Bot.Tests.Sms;

/// <summary>
/// Twilio's message endpoint played by a real HTTP server on 127.0.0.1, with an <see cref="HttpClient"/> whose handler sends
/// the requests meant for Twilio's host there instead.
/// </summary>
internal sealed class FakeTwilio : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string? Authorization, IFormCollection Form)> _requests = new();

    private FakeTwilio(WebApplication app)
    {
        _app = app;
    }

    public int Port { get; private set; }

    /// <summary>The status code and JSON the server answers with.</summary>
    public (int Status, string Json) Answer { get; set; } = (201, """{"sid":"SM00000000000000000000000000000000","status":"queued"}""");

    public IReadOnlyList<(string Path, string? Authorization, IFormCollection Form)> Requests => _requests.ToList();

    public static async Task<FakeTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTwilio(app);
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            fake._requests.Enqueue((http.Request.Path.Value!, http.Request.Headers.Authorization.ToString(), form));
            http.Response.StatusCode = fake.Answer.Status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(fake.Answer.Json);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Port = new Uri(address).Port;
        return fake;
    }

    /// <summary>A client whose requests go to 127.0.0.1:<paramref name="port"/> whatever host they name.</summary>
    public static HttpClient ClientTo(int port) => new(new LoopbackRedirect(port));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class LoopbackRedirect(int port) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = "http", Host = "127.0.0.1", Port = port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
