using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportShield.Cli.Tests.Load;

/// <summary>
/// A stand-in for a SupportShield host on a loopback port, answering the routes <c>supportshield load</c> calls: metrics,
/// customer messages (kept once per activity id for the transcript), agent replies (every one held, so none is expected
/// at the load channel) and the agent's view of a conversation. After <see cref="StopAnsweringAfter"/> requests it locks
/// up: every later request is taken and never answered, as a host that hangs.
/// </summary>
internal sealed class FakeLoadHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _disposing = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> _transcripts = new(StringComparer.Ordinal);
    private long _requests;
    private int _disposed;

    private FakeLoadHost(WebApplication app, long stopAnsweringAfter, TimeSpan agentReplyDelay)
    {
        _app = app;
        StopAnsweringAfter = stopAnsweringAfter;
        AgentReplyDelay = agentReplyDelay;
    }

    /// <summary>Where the load command reaches it.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Requests answered before it locks up (long.MaxValue: never).</summary>
    public long StopAnsweringAfter { get; }

    /// <summary>How long each agent reply takes to be answered.</summary>
    public TimeSpan AgentReplyDelay { get; }

    /// <summary>Requests received, answered or not.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Starts the host on a free loopback port.</summary>
    public static async Task<FakeLoadHost> StartAsync(long stopAnsweringAfter = long.MaxValue, TimeSpan agentReplyDelay = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var host = new FakeLoadHost(app, stopAnsweringAfter, agentReplyDelay);
        app.Use(host.LockUpAsync);
        app.MapGet("/metrics", () => Results.Text("# no histogram here\n", "text/plain"));
        app.MapPost("/api/messages", host.ReceiveCustomerMessageAsync);
        app.MapPost("/api/agent/conversations/{conversationId}/messages", async () =>
        {
            await Task.Delay(host.AgentReplyDelay);
            return Results.Json(new { status = "held", messageId = Guid.NewGuid().ToString("N") });
        });
        app.MapGet("/api/agent/conversations/{conversationId}", host.View);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    /// <summary>A loopback port where nothing listens (taken from the system, then let go).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Shuts the host down (its port then refuses connections); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _disposing.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _disposing.Dispose();
    }

    private async Task LockUpAsync(HttpContext context, RequestDelegate next)
    {
        if (Interlocked.Increment(ref _requests) > StopAnsweringAfter)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _disposing.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, either.Token);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, or the test is over.
            }

            return;
        }

        await next(context);
    }

    private async Task<IResult> ReceiveCustomerMessageAsync(HttpRequest request)
    {
        using var activity = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        var root = activity.RootElement;
        var conversation = root.GetProperty("conversation").GetProperty("id").GetString()!;
        var lines = _transcripts.GetOrAdd(conversation, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal));
        lines.TryAdd(root.GetProperty("id").GetString()!, root.GetProperty("text").GetString()!);
        return Results.Ok();
    }

    private IResult View(string conversationId) =>
        _transcripts.TryGetValue(conversationId, out var lines)
            ? Results.Json(new { transcript = lines.Values.Select(text => new { text }).ToArray() })
            : Results.NotFound();
}
