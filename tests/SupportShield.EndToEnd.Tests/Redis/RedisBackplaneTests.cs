using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportShield.Bot.Redis;

namespace SupportShield.EndToEnd.Tests.Redis;

/// <summary>The SignalR Redis backplane: a message sent through one host's hub context reaches a client of another host.</summary>
[NonParallelizable]
public sealed class RedisBackplaneTests
{
    [Test]
    public async Task HubContextOnHostB_ReachesAClientConnectedToHostA()
    {
        var settings = RedisServerFixture.Settings();
        await using var hostA = await StartHubHostAsync(settings);
        await using var hostB = await StartHubHostAsync(settings);
        var received = new ConcurrentQueue<string>();
        await using var client = new HubConnectionBuilder().WithUrl(new Uri(BaseAddress(hostA), "hubs/notice")).Build();
        client.On<string>("notice", received.Enqueue);
        await client.StartAsync();

        var hubOnB = hostB.Services.GetRequiredService<IHubContext<NoticeHub>>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (received.IsEmpty && DateTime.UtcNow < deadline)
        {
            // Sent again until it arrives (or the deadline passes): host B subscribes to Redis asynchronously.
            await hubOnB.Clients.All.SendAsync("notice", "from host B");
            await Task.Delay(100);
        }

        Assert.That(received, Does.Contain("from host B"));
    }

    [Test]
    public async Task Backplane_RedisOff_IsANoOp()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SupportShield:Redis:ConnectionString"] = "" }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSignalR().AddSupportShieldRedisBackplane(configuration);
        await using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<HubLifetimeManager<NoticeHub>>(), Is.InstanceOf<DefaultHubLifetimeManager<NoticeHub>>());
    }

    [Test]
    public async Task Backplane_RedisOn_UsesTheRedisLifetimeManager()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(RedisServerFixture.Settings()).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSignalR().AddSupportShieldRedisBackplane(configuration);
        await using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<HubLifetimeManager<NoticeHub>>().GetType().Name, Does.StartWith("RedisHubLifetimeManager"));
    }

    private static async Task<WebApplication> StartHubHostAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR().AddSupportShieldRedisBackplane(builder.Configuration);
        var app = builder.Build();
        app.MapHub<NoticeHub>("/hubs/notice");
        await app.StartAsync();
        return app;
    }

    private static Uri BaseAddress(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
}
