using System.Net;
using SupportShield.Cli.Load;

namespace SupportShield.EndToEnd.Tests.MultiInstance;

/// <summary>
/// An instance killed outright (kill -9) in the middle of a conversation, with requests in flight: the other instance
/// finishes it with nothing lost and nothing twice. Each test kills an instance, so each has a pair of its own.
/// </summary>
[NonParallelizable]
public sealed class InstanceKillTests
{
    private const string Verified = "Thank you, you're verified.";
    private const string Address = "We have 742 Evergreen Terrace, Springfield, OR 97403 on file.";

    [Test]
    public async Task KillOneMidConversation_HeldMessageSurvives_FinishedOnTheOther_NothingLostOrTwice()
    {
        await using var pair = await InstancePair.StartAsync();
        var (a, b, channel) = (pair.A, pair.B, pair.Channel);
        const string conversation = "mi-kill-conversation";
        using (var hello = await a.PostCustomerMessageAsync(channel, conversation, "Hello, I have a question about my account"))
        {
            Assert.That((int)hello.StatusCode, Is.InRange(200, 299));
        }

        await a.LinkAsync(conversation, "acct-1001");
        var held = await a.SendAgentMessageAsync(conversation, Address, "held-reply");
        Assert.That(held.GetProperty("status").GetString(), Is.EqualTo("held"));
        var heldId = held.GetProperty("messageId").GetString();

        // A burst of customer messages and agent replies to A, each with its own activity id or idempotency key; A is
        // killed as soon as the first has been answered, with the rest in flight.
        var customerLines = Enumerable.Range(0, 12).Select(i => $"Customer line {LoadMarker.For('c', 0, i)}").ToList();
        var agentLines = Enumerable.Range(0, 12).Select(i => $"Agent line {LoadMarker.For('a', 0, i)}").ToList();
        var customerIds = customerLines.Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var agentKeys = agentLines.Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var inFlight = new List<Task<bool>>();
        for (var i = 0; i < customerLines.Count; i++)
        {
            var (line, id) = (customerLines[i], customerIds[i]);
            inFlight.Add(TryAsync(() => a.PostCustomerMessageAsync(channel, conversation, line, id)));
            var (reply, key) = (agentLines[i], agentKeys[i]);
            inFlight.Add(TryAsync(() => a.PostAgentMessageAsync(conversation, reply, key)));
        }

        await Task.WhenAny(inFlight);
        await a.Process.KillAsync();
        var answeredByA = await Task.WhenAll(inFlight);
        Assert.That(a.Process.HasExited, Is.True);
        TestContext.Out.WriteLine($"answered by A before the kill: {answeredByA.Count(x => x)} of {answeredByA.Length}");

        // The held reply is still there, seen from B.
        var view = await b.GetConversationAsync(conversation);
        Assert.That(view.GetProperty("held").EnumerateArray().Select(h => h.GetProperty("messageId").GetString()), Is.EqualTo(new[] { heldId }));

        // Every request is retried on B with the same activity id or key, as a channel or an agent console would.
        var flagged = new HashSet<string>();
        for (var i = 0; i < customerLines.Count; i++)
        {
            await RetryUntilAnsweredAsync(() => b.PostCustomerMessageAsync(channel, conversation, customerLines[i], customerIds[i]));
            var answer = await RetryUntilAnsweredAsync(() => b.PostAgentMessageAsync(conversation, agentLines[i], agentKeys[i]));
            if (answer.Contains("\"possibleDuplicate\":true", StringComparison.Ordinal))
            {
                flagged.Add(agentLines[i]);
            }
        }

        // The held reply's own retry finds it held, not held twice.
        var heldAgain = await b.SendAgentMessageAsync(conversation, Address, "held-reply");
        Assert.That(heldAgain.GetProperty("messageId").GetString(), Is.EqualTo(heldId));

        var sent = pair.CodeEmailCount("jane.doe@example.com");
        await b.StartVerificationAsync(conversation);
        var code = await pair.WaitForCodeAsync("jane.doe@example.com", sent);
        using (var typed = await b.PostCustomerMessageAsync(channel, conversation, code))
        {
            Assert.That((int)typed.StatusCode, Is.InRange(200, 299));
        }

        await channel.WaitForAsync(x => x.Conversation.Id == conversation && x.Text == Address);
        await b.SendAgentMessageAsync(conversation, "That is everything, thank you.");
        await channel.WaitForAsync(x => x.Conversation.Id == conversation && x.Text == "That is everything, thank you.");

        var texts = channel.TextsFor(conversation);
        Assert.That(texts.Count(t => t == Address), Is.EqualTo(1), "the held reply released once");
        Assert.That(texts.Count(t => t == Verified), Is.EqualTo(1));
        // Exactly once, except where A died inside the channel send itself: then the retry re-sends (at least once) and says so.
        TestContext.Out.WriteLine($"agent replies flagged possibleDuplicate: {flagged.Count}, of which arrived twice: {flagged.Count(line => texts.Count(t => t == line) == 2)}");
        Assert.That(agentLines.Where(line => !flagged.Contains(line)).Select(line => texts.Count(t => t == line)), Is.All.EqualTo(1), "every agent reply reached the channel once");
        Assert.That(flagged.Select(line => texts.Count(t => t == line)), Is.All.InRange(1, 2), "a flagged reply arrived once or twice, never lost");
        var transcript = await b.TranscriptAsync(conversation);
        Assert.That(customerLines.Select(line => transcript.Count(t => t == line)), Is.All.EqualTo(1), "every customer line in the transcript once");
        Assert.That(agentLines.Select(line => transcript.Count(t => t == line)), Is.All.AtMost(1));
        var after = await b.GetConversationAsync(conversation);
        Assert.That(after.GetProperty("verification").GetString(), Is.EqualTo("verified"));
        Assert.That(after.GetProperty("held").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task LoadOnBoth_OneKilledMidRun_NothingLostDuplicatedOrLeaked()
    {
        await using var pair = await InstancePair.StartAsync();
        var options = new LoadOptions(
            [pair.A.BaseAddress, pair.B.BaseAddress],
            Conversations: 8,
            Duration: TimeSpan.FromSeconds(5),
            AgentKey: InstancePair.AgentKey,
            RoundInterval: TimeSpan.FromMilliseconds(200),
            PersonalDataEvery: 3,
            Grace: TimeSpan.FromSeconds(15));
        using var progress = new StringWriter();
        var runner = new LoadRunner(options, progress);

        var run = runner.RunAsync();
        // The kill is the stimulus (A dies about 1.5 s into the run), not an assertion.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await pair.A.Process.KillAsync();
        var report = await run;

        TestContext.Out.WriteLine($"turns {report.CustomerTurns}+{report.AgentTurns}, delivered {report.Delivered}, held {report.Held}, failovers {report.Failovers}, retries {report.Retries}, flagged {report.DuplicatedFlagged}, errors {report.Errors}, lost {report.Lost}, duplicated {report.Duplicated}, leaked {report.Leaked}, {report.Seconds:0.0} s");
        Assert.That(pair.A.Process.HasExited, Is.True);
        Assert.That(report.Failovers, Is.GreaterThan(0), "requests to A failed over to B");
        Assert.That(report.CustomerTurns, Is.GreaterThanOrEqualTo(8 * 5));
        Assert.That(report.AgentTurns, Is.EqualTo(report.CustomerTurns));
        Assert.That(report.Held, Is.GreaterThan(0));
        Assert.That(report.Errors, Is.Zero);
        Assert.That(report.Lost, Is.Zero, "lost");
        Assert.That(report.Duplicated - report.DuplicatedFlagged, Is.Zero, "duplicated without the host saying it might have been");
        Assert.That(report.DuplicatedFlagged, Is.AtMost(4), "at most one send in flight per conversation on A when it died");
        Assert.That(report.Leaked, Is.Zero, "leaked");
        Assert.That(report.UnreadInstances, Is.EqualTo(new[] { pair.A.BaseAddress.ToString() }), "A's metrics are gone with it");
    }

    /// <summary>Runs a request against the instance about to be killed; true when it was answered with success.</summary>
    private static async Task<bool> TryAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sends until the answer is neither 409 (same key in progress) nor 503, within a deadline; fails on any other error.</summary>
    private static async Task<string> RetryUntilAnsweredAsync(Func<Task<HttpResponseMessage>> send)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Conflict, HttpStatusCode.ServiceUnavailable), body);
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"still {(int)response.StatusCode} at the deadline: {body}");
            await Task.Delay(100);
        }
    }
}
