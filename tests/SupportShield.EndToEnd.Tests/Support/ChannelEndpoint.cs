using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace SupportShield.EndToEnd.Tests.Support;

/// <summary>
/// The test's own Bot Framework channel: a real HTTP server on 127.0.0.1 that serves the connector routes the bot posts
/// its replies to (the activity's serviceUrl), keeping every activity it receives.
/// </summary>
internal sealed class ChannelEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Activity> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private ChannelEndpoint(WebApplication app)
    {
        _app = app;
    }

    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>Every activity received so far, in order.</summary>
    public IReadOnlyList<Activity> Received => _received.ToList();

    public static async Task<ChannelEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new ChannelEndpoint(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", endpoint.ReceiveAsync);
        app.MapPost("/v3/conversations/{conversationId}/activities", endpoint.ReceiveAsync);
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", endpoint.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint.ServiceUrl = new Uri(address.TrimEnd('/') + "/");
        return endpoint;
    }

    /// <summary>Waits until an activity whose text satisfies <paramref name="match"/> has arrived, and returns it.</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = _received.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException("The channel did not receive the expected activity. Received: "
                    + string.Join(" | ", _received.Select(a => a.Text)));
            }

            await _arrived.WaitAsync(left);
        }
    }

    /// <summary>Texts of all activities received for <paramref name="conversationId"/>.</summary>
    public IReadOnlyList<string> TextsFor(string conversationId) =>
        _received.Where(a => a.Conversation?.Id == conversationId).Select(a => a.Text ?? string.Empty).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task ReceiveAsync(HttpContext http, string conversationId)
    {
        using var reader = new StreamReader(http.Request.Body);
        var activity = JsonConvert.DeserializeObject<Activity>(await reader.ReadToEndAsync())!;
        activity.Conversation ??= new ConversationAccount(id: WebUtility.UrlDecode(conversationId));
        activity.Id ??= Guid.NewGuid().ToString("N");
        _received.Enqueue(activity);
        _arrived.Release();
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(JsonConvert.SerializeObject(new ResourceResponse(activity.Id)));
    }
}
