using System.Net;
using System.Net.Http.Headers;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests;

/// <summary>With a MicrosoftAppId configured, /api/messages takes only activities with a valid Bot Framework token.</summary>
[NonParallelizable]
public sealed class BotAuthenticationTests
{
    [TestCase(null)]
    [TestCase("Bearer garbage")]
    [TestCase("Basic dXNlcjpwYXNz")]
    [TestCase("Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIiwiYXVkIjoiMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAxIn0.")]
    [TestCase("Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIiwiYXVkIjoiMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAxIn0.c2ln")]
    public async Task Post_WithAppIdConfigured_AndNoValidToken_Is401AndNothingReachesTheBot(string? authorization)
    {
        await using var s = await StartWithAppIdAsync();
        var status = await PostAsync(s, authorization);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        await AssertNothingReachedTheBotAsync(s);
    }

    /// <summary>
    /// A token that looks right (RS256) needs Bot Framework's signing keys; when they cannot be fetched (here: no network)
    /// the host cannot check it, so it refuses (503) and processes nothing.
    /// </summary>
    [Test]
    public async Task Post_WithAppIdConfigured_AndRs256TokenThatCannotBeChecked_IsRefusedAndNothingReachesTheBot()
    {
        await using var s = await StartWithAppIdAsync();
        const string token = "Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIiwiYXVkIjoiMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAxIn0.c2lnbmF0dXJl";

        var status = await PostAsync(s, token);

        Assert.That(status, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.ServiceUnavailable));
        await AssertNothingReachedTheBotAsync(s);
    }

    private const string Conversation = "conv-unauthenticated";

    private static Task<EndToEndScenario> StartWithAppIdAsync() => EndToEndScenario.StartAsync(settings =>
    {
        settings["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001";
        settings["MicrosoftAppPassword"] = "not-a-real-secret";
        settings["MicrosoftAppType"] = "MultiTenant";
    });

    private static async Task AssertNothingReachedTheBotAsync(EndToEndScenario s)
    {
        // The refusal came back before any turn could run: replies are sent inside the request's turn.
        Assert.That(s.Channel.Received, Is.Empty);
        using var view = await s.Host.Http.GetAsync($"api/agent/conversations/{Conversation}");
        Assert.That(view.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the conversation (and its transcript) must not exist");
    }

    private static async Task<HttpStatusCode> PostAsync(EndToEndScenario s, string? authorization)
    {
        const string conversation = Conversation;
        var activity = "{\"type\":\"message\",\"id\":\"a1\",\"text\":\"What address do you have for me?\",\"channelId\":\"test\",\"serviceUrl\":\""
            + s.Channel.ServiceUrl + "\",\"conversation\":{\"id\":\"" + conversation + "\"},\"from\":{\"id\":\"customer-1\",\"role\":\"user\"},\"recipient\":{\"id\":\"bot\"}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(activity, System.Text.Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await s.Host.Channel.SendAsync(request);
        return response.StatusCode;
    }
}
