using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportShield.Cli.Load;

/// <summary>
/// The load run's own Bot Framework channel: an HTTP server on 127.0.0.1 serving the connector routes the bot posts its
/// replies to (the activities' serviceUrl). It counts arrivals per load tag and notes any that carry the held address.
/// </summary>
public sealed class LoadChannel : IAsyncDisposable
{
    /// <summary>Text that only the replies the host must hold contain.</summary>
    public const string HeldText = "221B Baker Street";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _arrivals = new(StringComparer.Ordinal);
    private long _received;
    private long _leaked;

    private LoadChannel(WebApplication app) => _app = app;

    /// <summary>Where the bot posts its replies.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>Activities received.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Activities received that carried text the host should have held.</summary>
    public long Leaked => Interlocked.Read(ref _leaked);

    /// <summary>Times each load tag arrived.</summary>
    public IReadOnlyDictionary<string, int> Arrivals => _arrivals;

    /// <summary>Starts the channel on a free loopback port.</summary>
    public static async Task<LoadChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var channel = new LoadChannel(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", channel.ReceiveAsync);
        app.MapPost("/v3/conversations/{conversationId}/activities", channel.ReceiveAsync);
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", channel.ReceiveAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        channel.ServiceUrl = new Uri(address.TrimEnd('/') + "/");
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        Interlocked.Increment(ref _received);
        var text = document.RootElement.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (text is not null && text.Contains(HeldText, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _leaked);
        }

        if (LoadMarker.Find(text) is { } tag)
        {
            _arrivals.AddOrUpdate(tag, 1, (_, count) => count + 1);
        }

        return Results.Json(new { id = Guid.NewGuid().ToString("N") });
    }
}
