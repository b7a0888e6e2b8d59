using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using SupportShield.Bot;

namespace SupportShield.EndToEnd.Tests.Support;

/// <summary>
/// The real SupportShield host (the same <see cref="SupportShieldHost.Build"/> that Program.cs runs) on Kestrel at a random
/// 127.0.0.1 port, with its SQLite file in a folder the test owns so that a restart can reopen it.
/// </summary>
internal sealed class BotHost : IAsyncDisposable
{
    public const string AgentKey = "e2e-agent-key";

    private readonly WebApplication _app;

    private BotHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AgentKey);
        Channel = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A client without the agent key, for what a Bot Framework channel posts.</summary>
    public HttpClient Channel { get; }

    public Uri BaseAddress { get; }

    /// <summary>A client that presents the agent key.</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host whose data lives in <paramref name="dataFolder"/>; <paramref name="settings"/> add or override configuration.</summary>
    public static async Task<BotHost> StartAsync(string dataFolder, IDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["SupportShield:Storage:SqlitePath"] = Path.Combine(dataFolder, "supportshield.db"),
            ["SupportShield:Agent:ApiKeys:0"] = AgentKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = SupportShieldHost.Build(["--environment", "Production"], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BotHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Posts a customer's message to <c>/api/messages</c> as a channel would.</summary>
    public async Task<HttpResponseMessage> PostCustomerMessageAsync(ChannelEndpoint channel, string conversationId, string text)
    {
        var activity = new Activity(ActivityTypes.Message)
        {
            Id = Guid.NewGuid().ToString("N"),
            Text = text,
            ChannelId = "test",
            ServiceUrl = channel.ServiceUrl.ToString(),
            Conversation = new ConversationAccount(id: conversationId),
            From = new ChannelAccount("customer-1", "Customer", RoleTypes.User),
            Recipient = new ChannelAccount("bot", "SupportShield", RoleTypes.Bot),
            Timestamp = DateTimeOffset.UtcNow,
        };
        return await PostActivityJsonAsync(JsonConvert.SerializeObject(activity));
    }

    /// <summary>Posts raw JSON to <c>/api/messages</c>.</summary>
    public async Task<HttpResponseMessage> PostActivityJsonAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Channel.PostAsync("api/messages", content);
    }

    public Task<HttpResponseMessage> LinkAsync(string conversationId, string accountId) =>
        Http.PostAsJsonAsync($"api/agent/conversations/{conversationId}/link", new { accountId });

    public async Task<JsonElement> SendAgentMessageAsync(string conversationId, string text)
    {
        var response = await Http.PostAsJsonAsync($"api/agent/conversations/{conversationId}/messages", new { agentId = "agent-7", text });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> StartVerificationAsync(string conversationId) =>
        Http.PostAsync($"api/agent/conversations/{conversationId}/verification", null);

    public async Task<JsonElement> GetConversationAsync(string conversationId)
    {
        var response = await Http.GetAsync($"api/agent/conversations/{conversationId}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
