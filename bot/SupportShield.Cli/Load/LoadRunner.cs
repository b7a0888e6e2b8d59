using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SupportShield.Cli.Load;

/// <summary>
/// Drives many concurrent conversations through a running SupportShield: each round, the customer posts a message to
/// <c>/api/messages</c> (as a channel would, with this run's <see cref="LoadChannel"/> as serviceUrl) and an agent answers
/// through the agent API; every n-th answer holds a street address, which must be held. Afterwards it checks that every
/// accepted message arrived exactly once (agent replies at the channel, customer messages in the agent's transcript).
/// </summary>
public sealed class LoadRunner
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long one message is retried (failovers, 409 in progress, 503) before it counts as an error.</summary>
    private static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(20);

    /// <summary>Longest wait between two retries of a message.</summary>
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The agent API's idempotency header.</summary>
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private readonly LoadOptions _options;
    private readonly TextWriter _progress;
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentBag<double[]> _latencies = [];
    private readonly ConcurrentDictionary<string, byte> _expectedAtChannel = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _expectedInTranscript = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _possibleDuplicates = new(StringComparer.Ordinal);
    private long _customerTurns;
    private long _agentTurns;
    private long _delivered;
    private long _held;
    private long _redacted;
    private long _rateLimited;
    private long _errors;
    private long _failovers;
    private long _retries;

    public LoadRunner(LoadOptions options, TextWriter progress)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _progress = progress ?? throw new ArgumentNullException(nameof(progress));
    }

    /// <summary>Runs the load and returns what it measured.</summary>
    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var channel = await LoadChannel.StartAsync().ConfigureAwait(false);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 4096, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) };
        using var http = new HttpClient(handler) { Timeout = RequestTimeout };

        var warmup = _options.Warmup > TimeSpan.Zero ? _options.Warmup : TimeSpan.Zero;
        var before = warmup == TimeSpan.Zero ? await ReadMiddlewareAsync(http, cancellationToken).ConfigureAwait(false) : null;
        _progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: {_options.Conversations} conversations on {_options.Instances.Count} instance(s) for {_options.Duration.TotalSeconds:0.#} s{(warmup > TimeSpan.Zero ? $" after a {warmup.TotalSeconds:0.#} s warm-up" : string.Empty)}; replies to {channel.ServiceUrl}"));

        var clock = Stopwatch.StartNew();
        var deadline = warmup + _options.Duration;
        var workers = Enumerable.Range(0, _options.Conversations)
            .Select(c => Task.Run(() => ConverseAsync(http, channel, c, clock, warmup, deadline, cancellationToken), cancellationToken))
            .ToArray();
        if (warmup > TimeSpan.Zero)
        {
            // The same conversations go on; from here their rounds count, and the hosts' histograms are read as a baseline.
            await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
            before = await ReadMiddlewareAsync(http, cancellationToken).ConfigureAwait(false);
            _progress.WriteLine("load: warm-up done, measuring");
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = (clock.Elapsed - warmup).TotalSeconds;

        await WaitForArrivalsAsync(channel, cancellationToken).ConfigureAwait(false);
        var (lostInTranscripts, duplicatedInTranscripts) = await CheckTranscriptsAsync(http, cancellationToken).ConfigureAwait(false);
        var after = await ReadMiddlewareAsync(http, cancellationToken).ConfigureAwait(false);

        var missing = _expectedAtChannel.Keys.Where(tag => !channel.Arrivals.ContainsKey(tag)).ToList();
        var lostAtChannel = missing.Count;
        foreach (var tag in missing.Take(10))
        {
            _progress.WriteLine($"load: agent reply {tag} was answered delivered but never reached the channel");
        }
        var duplicatedAtChannel = channel.Arrivals.Count(a => a.Value > 1);
        var flaggedAtChannel = channel.Arrivals.Count(a => a.Value > 1 && _possibleDuplicates.ContainsKey(a.Key));
        var middleware = MiddlewareLatency.Empty;
        var unread = new List<string>();
        for (var i = 0; i < _options.Instances.Count; i++)
        {
            if (before![i] is { } b && after[i] is { } a)
            {
                middleware = middleware.Plus(a.Minus(b));
            }
            else
            {
                unread.Add(_options.Instances[i].ToString());
            }
        }

        var all = _latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        var turns = _customerTurns + _agentTurns;
        return new LoadReport
        {
            Instances = _options.Instances.Count,
            Conversations = _options.Conversations,
            Seconds = elapsed,
            CustomerTurns = _customerTurns,
            AgentTurns = _agentTurns,
            TurnsPerSecond = turns / elapsed,
            P50Milliseconds = Percentile(all, 0.50),
            P90Milliseconds = Percentile(all, 0.90),
            P99Milliseconds = Percentile(all, 0.99),
            MaxMilliseconds = all.Length == 0 ? double.NaN : all[^1],
            MiddlewareP50Milliseconds = middleware.UpperBound(0.50),
            MiddlewareP99Milliseconds = middleware.UpperBound(0.99),
            MiddlewareMeanMilliseconds = middleware.Count > 0 ? middleware.Sum / middleware.Count : double.NaN,
            MiddlewareSamples = (long)middleware.Count,
            Delivered = _delivered,
            Held = _held,
            Redacted = _redacted,
            RateLimited = _rateLimited,
            Errors = _errors,
            Failovers = _failovers,
            Retries = _retries,
            Lost = lostAtChannel + lostInTranscripts,
            LostAgentReplies = lostAtChannel,
            LostCustomerMessages = lostInTranscripts,
            Duplicated = duplicatedAtChannel + duplicatedInTranscripts,
            DuplicatedFlagged = flaggedAtChannel,
            Leaked = channel.Leaked,
            UnreadInstances = unread,
        };
    }

    private async Task ConverseAsync(HttpClient http, LoadChannel channel, int conversation, Stopwatch clock, TimeSpan measureFrom, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var conversationId = ConversationId(conversation);
        var latencies = new List<double>();
        try
        {
            // Spread the starts over one interval so the conversations do not all knock at once.
            await Task.Delay(TimeSpan.FromTicks(_options.RoundInterval.Ticks * conversation / Math.Max(1, _options.Conversations)), cancellationToken).ConfigureAwait(false);
            for (var round = 0; clock.Elapsed < deadline; round++)
            {
                var roundStart = clock.Elapsed;
                var counted = roundStart >= measureFrom;
                var customerTag = LoadMarker.For('c', conversation, round);
                // One activity id per message, kept across retries and instances, as a channel redelivers the same activity.
                var activityId = Guid.NewGuid().ToString("N");
                var (status, ms) = await SendWithFailoverAsync(http, conversation, () => CustomerMessage(channel, conversationId, conversation, customerTag, activityId), cancellationToken).ConfigureAwait(false);
                Count(status, ms, counted ? latencies : null, isAgent: false, customerTag, body: null);

                var holdsAddress = _options.PersonalDataEvery > 0 && round % _options.PersonalDataEvery == _options.PersonalDataEvery - 1;
                var agentTag = LoadMarker.For('a', conversation, round);
                var text = holdsAddress
                    ? $"The address we have for you is {LoadChannel.HeldText}, London NW1 6XE. {agentTag}"
                    : $"Thanks for waiting: your parcel leaves our warehouse on Monday. {agentTag}";
                JsonElement? body = null;
                (status, ms) = await SendWithFailoverAsync(http, conversation, () => AgentMessage(conversationId, text, IdempotencyKey(conversation, round)), cancellationToken, response => body = response).ConfigureAwait(false);
                Count(status, ms, counted ? latencies : null, isAgent: true, agentTag, body);

                var wait = roundStart + _options.RoundInterval - clock.Elapsed;
                if (wait > TimeSpan.Zero && clock.Elapsed + wait < deadline)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
                else if (wait > TimeSpan.Zero)
                {
                    break;
                }
            }
        }
        finally
        {
            _latencies.Add([.. latencies]);
        }
    }

    /// <summary>
    /// Counts one answer; <paramref name="latencies"/> is null for a warm-up round, whose message is still expected to arrive
    /// exactly once (and whose errors still count) but which adds nothing to the speed figures.
    /// </summary>
    private void Count(HttpStatusCode? status, double ms, List<double>? latencies, bool isAgent, string tag, JsonElement? body)
    {
        var counted = latencies is not null;
        if (status is null || (int)status >= 500)
        {
            Interlocked.Increment(ref _errors);
            return;
        }

        if (status == HttpStatusCode.TooManyRequests)
        {
            Interlocked.Increment(ref _rateLimited);
            return;
        }

        if ((int)status >= 400)
        {
            Interlocked.Increment(ref _errors);
            return;
        }

        latencies?.Add(ms);
        if (!isAgent)
        {
            if (counted)
            {
                Interlocked.Increment(ref _customerTurns);
            }

            _expectedInTranscript[tag] = 0;
            return;
        }

        if (counted)
        {
            Interlocked.Increment(ref _agentTurns);
        }

        if (body is { } flagged && flagged.TryGetProperty("possibleDuplicate", out var possible) && possible.ValueKind == JsonValueKind.True)
        {
            _possibleDuplicates[tag] = 0;
        }

        var outcome = body is { } b && b.TryGetProperty("status", out var s) ? s.GetString() : null;
        switch (outcome)
        {
            case "delivered":
                Interlocked.Add(ref _delivered, counted ? 1 : 0);
                _expectedAtChannel[tag] = 0;
                break;
            case "redacted":
                Interlocked.Add(ref _redacted, counted ? 1 : 0);
                _expectedAtChannel[tag] = 0;
                break;
            case "held":
                Interlocked.Add(ref _held, counted ? 1 : 0);
                break;
            default:
                Interlocked.Increment(ref _errors);
                break;
        }
    }

    /// <summary>
    /// Sends to the conversation's instance, or to the next ones when it cannot be reached; a 409 (the same idempotency
    /// key in progress elsewhere) or 503 (storage or channel down, nothing sent) is retried after its Retry-After, the same
    /// request (activity id, idempotency key) every time, until <see cref="RetryBudget"/> runs out. The status (null when
    /// none answered) and the time taken.
    /// </summary>
    private async Task<(HttpStatusCode? Status, double Milliseconds)> SendWithFailoverAsync(
        HttpClient http,
        int conversation,
        Func<HttpRequestMessage> create,
        CancellationToken cancellationToken,
        Action<JsonElement>? onBody = null)
    {
        var count = _options.Instances.Count;
        var started = Stopwatch.GetTimestamp();
        HttpStatusCode? last = null;
        for (var attempt = 0; ; attempt++)
        {
            var instance = _options.Instances[(conversation + attempt) % count];
            using var request = create();
            request.RequestUri = new Uri(instance, request.RequestUri!.ToString());
            TimeSpan? wait = null;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                last = response.StatusCode;
                if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable)
                {
                    wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(250);
                    Interlocked.Increment(ref _retries);
                }
                else
                {
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (onBody is not null && response.IsSuccessStatusCode)
                    {
                        onBody(await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false));
                    }

                    return (response.StatusCode, ms);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _failovers);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failovers);
            }

            if (Stopwatch.GetElapsedTime(started) > RetryBudget)
            {
                return (last, 0);
            }

            if (wait is { } delay)
            {
                await Task.Delay(delay < MaxRetryDelay ? delay : MaxRetryDelay, cancellationToken).ConfigureAwait(false);
            }
            else if ((attempt + 1) % count == 0)
            {
                // Every instance refused the connection: wait a little before going round again.
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static HttpRequestMessage CustomerMessage(LoadChannel channel, string conversationId, int conversation, string tag, string activityId)
    {
        var activity = new
        {
            type = "message",
            id = activityId,
            text = $"Hi, could you tell me when my order will arrive? {tag}",
            channelId = "load",
            serviceUrl = channel.ServiceUrl.ToString(),
            conversation = new { id = conversationId },
            from = new { id = "customer-" + conversation.ToString(CultureInfo.InvariantCulture), name = "Customer", role = "user" },
            recipient = new { id = "bot", name = "SupportShield", role = "bot" },
            timestamp = DateTimeOffset.UtcNow,
        };
        return new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(JsonSerializer.Serialize(activity), Encoding.UTF8, "application/json"),
        };
    }

    private HttpRequestMessage AgentMessage(string conversationId, string text, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/agent/conversations/{Uri.EscapeDataString(conversationId)}/messages")
        {
            Content = JsonContent.Create(new { agentId = "load-agent", text }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AgentKey);
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        return request;
    }

    private async Task WaitForArrivalsAsync(LoadChannel channel, CancellationToken cancellationToken)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < _options.Grace && _expectedAtChannel.Keys.Any(tag => !channel.Arrivals.ContainsKey(tag)))
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Counts customer messages accepted but missing from, or repeated in, the agent's view of each conversation.</summary>
    private async Task<(long Lost, long Duplicated)> CheckTranscriptsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        long lost = 0, duplicated = 0;
        var seen = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(Enumerable.Range(0, _options.Conversations), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (conversation, ct) =>
        {
            JsonElement? body = null;
            var (status, _) = await SendWithFailoverAsync(http, conversation, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, $"api/agent/conversations/{Uri.EscapeDataString(ConversationId(conversation))}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AgentKey);
                return request;
            }, ct, response => body = response).ConfigureAwait(false);
            if (status != HttpStatusCode.OK || body is not { } view || !view.TryGetProperty("transcript", out var transcript))
            {
                return;
            }

            foreach (var line in transcript.EnumerateArray())
            {
                if (line.TryGetProperty("text", out var text) && LoadMarker.Find(text.GetString()) is { } tag && tag.StartsWith("[load c ", StringComparison.Ordinal))
                {
                    seen.AddOrUpdate(tag, 1, (_, n) => n + 1);
                }
            }
        }).ConfigureAwait(false);

        foreach (var tag in _expectedInTranscript.Keys)
        {
            if (!seen.TryGetValue(tag, out var n))
            {
                lost++;
                if (lost <= 10)
                {
                    _progress.WriteLine($"load: customer message {tag} was accepted but is not in the conversation's transcript");
                }
            }
            else if (n > 1)
            {
                duplicated++;
            }
        }

        return (lost, duplicated);
    }

    private async Task<MiddlewareLatency?[]> ReadMiddlewareAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var readings = new MiddlewareLatency?[_options.Instances.Count];
        for (var i = 0; i < readings.Length; i++)
        {
            try
            {
                var text = await http.GetStringAsync(new Uri(_options.Instances[i], "metrics"), cancellationToken).ConfigureAwait(false);
                readings[i] = MiddlewareLatency.Parse(text);
            }
            catch (HttpRequestException)
            {
                readings[i] = null;
            }
        }

        return readings;
    }

    /// <summary>The agent reply's idempotency key: one per round, the same on every retry and instance.</summary>
    private string IdempotencyKey(int conversation, int round) =>
        string.Create(CultureInfo.InvariantCulture, $"load-{_runId}-{conversation}-{round}");

    private string ConversationId(int conversation) => string.Create(CultureInfo.InvariantCulture, $"load-{_runId}-{conversation}");

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
