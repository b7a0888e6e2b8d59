using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SupportShield.EndToEnd.Tests.MultiInstance;

/// <summary>
/// PostgreSQL (a server of this test's own) stops in the middle of a conversation and comes back on the same port with
/// the same data: while it is down nothing with personal data is sent and the hosts keep running; afterwards the agent's
/// retry with the same Idempotency-Key delivers the reply once to a verified customer, and holds it for an unverified one
/// until they verify.
/// </summary>
[NonParallelizable]
public sealed class PostgresRestartTests
{
    private const string Verified = "Thank you, you're verified.";
    private const string JaneAddress = "We have 742 Evergreen Terrace, Springfield, OR 97403 on file.";
    private const string MariaAddress = "We have 88 Sample Street, San Francisco, CA 94110 on file.";

    [Test]
    public async Task PostgresRestartsDuringATurn_FailsClosedWhileDown_RetryDeliversOnceAfter()
    {
        await using var pair = await InstancePair.StartAsync(ownPostgres: true);
        var (a, b, channel) = (pair.A, pair.B, pair.Channel);

        // Jane verifies before the outage; Maria has not.
        const string jane = "mi-pg-verified";
        const string maria = "mi-pg-unverified";
        await SayAsync(pair, a, jane, "Hello, I have a question about my account");
        await a.LinkAsync(jane, "acct-1001");
        var sent = pair.CodeEmailCount("jane.doe@example.com");
        await a.StartVerificationAsync(jane);
        await SayAsync(pair, b, jane, await pair.WaitForCodeAsync("jane.doe@example.com", sent));
        await channel.WaitForAsync(x => x.Conversation.Id == jane && x.Text == Verified);
        await SayAsync(pair, b, maria, "Hi, a question about my order");
        await b.LinkAsync(maria, "acct-1003");

        await pair.Postgres!.StopAsync();
        try
        {
            using (var down = await a.PostAgentMessageAsync(jane, JaneAddress, "jane-address"))
            {
                Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await down.Content.ReadAsStringAsync());
            }

            using (var down = await b.PostAgentMessageAsync(maria, MariaAddress, "maria-address"))
            {
                Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await down.Content.ReadAsStringAsync());
            }

            // A customer's turn meanwhile fails (the channel will redeliver it), and the host goes on running.
            using (var turn = await a.PostCustomerMessageAsync(channel, jane, "Are you still there?", "turn-during-outage"))
            {
                Assert.That(turn.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            }

            Assert.That(await InstancePair.StatusAsync(a, "healthz"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await InstancePair.StatusAsync(b, "readyz"), Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(a.Process.HasExited || b.Process.HasExited, Is.False);
            Assert.That(channel.TextsFor(jane).Concat(channel.TextsFor(maria)), Has.None.Contain("Evergreen").And.None.Contain("Sample Street"));
        }
        finally
        {
            await pair.Postgres.StartAgainAsync();
        }

        // The agent (or the console) retries with the same key, on either instance, until the database answers again.
        var delivered = await RetryAsync(a, b, jane, JaneAddress, "jane-address");
        Assert.That(delivered.GetProperty("status").GetString(), Is.EqualTo("delivered"));
        var heldForMaria = await RetryAsync(b, a, maria, MariaAddress, "maria-address");
        Assert.That(heldForMaria.GetProperty("status").GetString(), Is.EqualTo("held"));

        // One more retry of each changes nothing: the answers are replayed.
        using (var replay = await b.PostAgentMessageAsync(jane, JaneAddress, "jane-address"))
        {
            Assert.That(replay.Headers.Contains("Idempotent-Replayed"), Is.True);
            Assert.That((await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetString(), Is.EqualTo(delivered.GetProperty("messageId").GetString()));
        }

        using (var redelivered = await b.PostCustomerMessageAsync(channel, jane, "Are you still there?", "turn-during-outage"))
        {
            Assert.That((int)redelivered.StatusCode, Is.InRange(200, 299), "the channel's redelivery of the failed turn is processed");
        }

        // Maria verifies: her held reply is released, once.
        sent = pair.CodeEmailCount("maria.example@example.com");
        await a.StartVerificationAsync(maria);
        await SayAsync(pair, a, maria, await pair.WaitForCodeAsync("maria.example@example.com", sent));
        await channel.WaitForAsync(x => x.Conversation.Id == maria && x.Text == MariaAddress);

        await a.SendAgentMessageAsync(jane, "Done on our side.");
        await a.SendAgentMessageAsync(maria, "Done on our side.");
        await channel.WaitForAsync(x => x.Conversation.Id == jane && x.Text == "Done on our side.");
        await channel.WaitForAsync(x => x.Conversation.Id == maria && x.Text == "Done on our side.");
        Assert.That(channel.TextsFor(jane).Count(t => t == JaneAddress), Is.EqualTo(1), "delivered once to the verified customer");
        Assert.That(channel.TextsFor(maria).Count(t => t == MariaAddress), Is.EqualTo(1), "held, then released once after verification");
        Assert.That((await a.TranscriptAsync(jane)).Count(t => t == "Are you still there?"), Is.EqualTo(1));
    }

    private static async Task SayAsync(InstancePair pair, InstanceClient instance, string conversation, string text)
    {
        using var response = await instance.PostCustomerMessageAsync(pair.Channel, conversation, text);
        Assert.That((int)response.StatusCode, Is.InRange(200, 299), $"POST /api/messages '{text}'");
    }

    /// <summary>Sends with <paramref name="key"/>, alternating instances, until the answer is not 503/409 (deadline 30 s).</summary>
    private static async Task<JsonElement> RetryAsync(InstanceClient first, InstanceClient second, string conversation, string text, string key)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var attempt = 0; ; attempt++)
        {
            using var response = await (attempt % 2 == 0 ? first : second).PostAgentMessageAsync(conversation, text, key);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.ServiceUnavailable, HttpStatusCode.Conflict), body);
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"still {(int)response.StatusCode} after the database came back: {body}");
            await Task.Delay(100);
        }
    }
}
