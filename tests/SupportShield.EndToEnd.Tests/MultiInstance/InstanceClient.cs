using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests.MultiInstance;

/// <summary>HTTP calls to one host process: what a channel posts to <c>/api/messages</c> and the agent API with the agent key.</summary>
internal sealed class InstanceClient : IDisposable
{
    public InstanceClient(HostProcess process, string agentKey)
    {
        Process = process;
        Http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", agentKey);
        Channel = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A client without the agent key, for what a Bot Framework channel posts.</summary>
    public HttpClient Channel { get; }

    public HostProcess Process { get; }

    public HttpClient Http { get; }

    public Uri BaseAddress => Process.BaseAddress;

    /// <summary>Posts a customer's message as a channel would, with <paramref name="activityId"/> (a new one when null).</summary>
    public async Task<HttpResponseMessage> PostCustomerMessageAsync(ChannelEndpoint channel, string conversationId, string text, string? activityId = null, CancellationToken cancellationToken = default)
    {
        var activity = new Activity(ActivityTypes.Message)
        {
            Id = activityId ?? Guid.NewGuid().ToString("N"),
            Text = text,
            ChannelId = "test",
            ServiceUrl = channel.ServiceUrl.ToString(),
            Conversation = new ConversationAccount(id: conversationId),
            From = new ChannelAccount("customer-1", "Customer", RoleTypes.User),
            Recipient = new ChannelAccount("bot", "SupportShield", RoleTypes.Bot),
            Timestamp = DateTimeOffset.UtcNow,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(JsonConvert.SerializeObject(activity), Encoding.UTF8, "application/json"),
        };
        return await Channel.SendAsync(request, cancellationToken);
    }

    public async Task LinkAsync(string conversationId, string accountId)
    {
        using var response = await Http.PostAsJsonAsync($"api/agent/conversations/{conversationId}/link", new { accountId });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Posts an agent's reply, with an <c>Idempotency-Key</c> when <paramref name="key"/> is given; the raw response.</summary>
    public Task<HttpResponseMessage> PostAgentMessageAsync(string conversationId, string text, string? key = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/agent/conversations/{conversationId}/messages")
        {
            Content = JsonContent.Create(new { agentId = "agent-7", text }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return SendAndDisposeAsync(request, cancellationToken);
    }

    public async Task<JsonElement> SendAgentMessageAsync(string conversationId, string text, string? key = null)
    {
        using var response = await PostAgentMessageAsync(conversationId, text, key);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"agent send: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task StartVerificationAsync(string conversationId)
    {
        using var response = await Http.PostAsync($"api/agent/conversations/{conversationId}/verification", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("codeSent"), body);
    }

    public async Task<JsonElement> GetConversationAsync(string conversationId)
    {
        using var response = await Http.GetAsync($"api/agent/conversations/{conversationId}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The agent's view of the transcript: each line's text.</summary>
    public async Task<IReadOnlyList<string>> TranscriptAsync(string conversationId) =>
        (await GetConversationAsync(conversationId)).GetProperty("transcript").EnumerateArray().Select(l => l.GetProperty("text").GetString()!).ToList();

    public void Dispose()
    {
        Http.Dispose();
        Channel.Dispose();
    }

    private async Task<HttpResponseMessage> SendAndDisposeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await Http.SendAsync(request, cancellationToken);
        }
    }
}
