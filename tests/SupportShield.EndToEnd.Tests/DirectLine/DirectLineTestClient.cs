using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests.DirectLine;

/// <summary>Raw HTTP and WebSocket calls to the host's embedded Direct Line, as a Direct Line client makes them.</summary>
internal sealed class DirectLineTestClient
{
    private readonly BotHost _host;

    public DirectLineTestClient(BotHost host)
    {
        _host = host;
    }

    /// <summary>The <c>domain</c> a Direct Line client is given.</summary>
    public Uri Domain => new(_host.BaseAddress, "v3/directline");

    /// <summary>A token from the page's token endpoint, as the Web Chat page gets it.</summary>
    public async Task<(string Token, string ConversationId)> PageTokenAsync()
    {
        using var response = await _host.Channel.PostAsync("directline/token", null);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("token").GetString()!, body.GetProperty("conversationId").GetString()!);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, string? json = null)
    {
        using var request = new HttpRequestMessage(method, "v3/directline/" + path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return _host.Channel.SendAsync(request);
    }

    /// <summary>Starts (opens) the token's conversation; returns conversationId, token, expires_in, streamUrl.</summary>
    public async Task<JsonElement> StartAsync(string token)
    {
        using var response = await SendAsync(HttpMethod.Post, "conversations", token, "{}");
        Assert.That((int)response.StatusCode, Is.AnyOf(200, 201), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Posts a message from the token's user; returns the activity id.</summary>
    public async Task<string> SayAsync(string conversationId, string token, string text)
    {
        var json = JsonSerializer.Serialize(new { type = "message", from = new { id = "ignored" }, text, channelData = new { clientActivityID = Guid.NewGuid().ToString("N") } });
        using var response = await SendAsync(HttpMethod.Post, $"conversations/{conversationId}/activities", token, json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>GET activities after <paramref name="watermark"/>.</summary>
    public async Task<ActivitySet> ActivitiesAsync(string conversationId, string token, string? watermark = null)
    {
        using var response = await SendAsync(HttpMethod.Get, $"conversations/{conversationId}/activities?watermark={watermark}", token);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        return ActivitySet.Parse(body);
    }

    /// <summary>Polls the log until an activity satisfies <paramref name="match"/> (a deadline, not a fixed sleep).</summary>
    public async Task<JsonElement> WaitForAsync(string conversationId, string token, Func<JsonElement, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var set = await ActivitiesAsync(conversationId, token);
            var found = set.Activities.Where(match).ToList();
            if (found.Count > 0)
            {
                return found[0];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Not in the Direct Line log: " + string.Join(" | ", set.Activities.Select(Text)));
            }

            await Task.Delay(50);
        }
    }

    public static string Text(JsonElement activity) =>
        activity.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty;

    public static string Role(JsonElement activity) => activity.GetProperty("from").GetProperty("role").GetString()!;

    /// <summary>Connects to a streamUrl.</summary>
    public static async Task<ClientWebSocket> ConnectAsync(string streamUrl)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new Uri(streamUrl), timeout.Token);
        return socket;
    }

    /// <summary>Reads stream messages until an activity satisfies <paramref name="match"/>; returns every activity read.</summary>
    public static async Task<List<JsonElement>> ReadUntilAsync(ClientWebSocket socket, Func<JsonElement, bool> match)
    {
        var read = new List<JsonElement>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[64 * 1024];
        while (!read.Any(match))
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The stream closed. Read: " + string.Join(" | ", read.Select(Text)));
            }

            read.AddRange(ActivitySet.Parse(Encoding.UTF8.GetString(message.ToArray())).Activities);
        }

        return read;
    }
}
