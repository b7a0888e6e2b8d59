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
/// The run is bounded: rounds start until warm-up + duration, requests still in flight then get one request timeout, and
/// the checks after it stop when no instance answers; hosts that cannot be reached make it fail (<see cref="LoadReport.Failure"/>).
/// </summary>
public sealed class LoadRunner
{
    /// <summary>How long one message is retried (failovers, 409 in progress, 503) before it counts as an error.</summary>
    private static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(20);

    /// <summary>Longest wait between two retries of a message.</summary>
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two looks for a stall.</summary>
    private static readonly TimeSpan MaxStallPoll = TimeSpan.FromSeconds(1);

    /// <summary>Conversations whose transcripts are read at once after the run.</summary>
    private const int TranscriptReaders = 16;

    /// <summary>The agent API's idempotency header.</summary>
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private readonly LoadOptions _options;
    private readonly RoundSchedule _schedule;
    private readonly TextWriter _progress;
    private readonly InstanceReachability _reachability;
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentBag<double[]> _latencies = [];
    private readonly ConcurrentBag<double[]> _lateStarts = [];
    private readonly ConcurrentDictionary<string, byte> _expectedAtChannel = new(StringComparer.Ordinal);

    /// <summary>Accepted customer messages by tag, each with its conversation.</summary>
    private readonly ConcurrentDictionary<string, int> _expectedInTranscript = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _possibleDuplicates = new(StringComparer.Ordinal);
    private long _customerTurns;
    private long _agentTurns;
    private long _accepted;
    private long _delivered;
    private long _held;
    private long _redacted;
    private long _rateLimited;
    private long _errors;
    private long _unanswered;
    private long _failovers;
    private long _retries;

    /// <summary>A runner for one run of <paramref name="options"/>, writing its progress lines to <paramref name="progress"/>.</summary>
    public LoadRunner(LoadOptions options, TextWriter progress)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _schedule = new RoundSchedule(options.RoundInterval, Math.Max(1, options.Conversations));
        _progress = progress ?? throw new ArgumentNullException(nameof(progress));
        ArgumentOutOfRangeException.ThrowIfZero(options.Instances.Count, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RequestTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StallLimit, TimeSpan.Zero, nameof(options));
        _reachability = new InstanceReachability(options.Instances, TimeProvider.System);
    }

    /// <summary>
    /// Runs the load and returns what it measured; a run against hosts that cannot be reached, or that stop answering,
    /// returns with <see cref="LoadReport.Failure"/> set instead of retrying to its end.
    /// </summary>
    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 4096, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) };
        using var http = new HttpClient(handler) { Timeout = _options.RequestTimeout };

        // Every instance is asked for its metrics first: one that does not answer is named now, and when none answers
        // there is nothing to drive.
        var start = await ReadMetricsAsync(http, cancellationToken).ConfigureAwait(false);
        if (start.All(reading => !reading.Answered))
        {
            return NotRun($"no instance reachable at {_reachability.DescribeFailures()}");
        }

        if (start.Any(reading => !reading.Answered))
        {
            _progress.WriteLine($"load: not reachable, its conversations go to the next instance: {_reachability.DescribeFailures()}");
        }

        await using var channel = await LoadChannel.StartAsync().ConfigureAwait(false);
        var warmup = _options.Warmup > TimeSpan.Zero ? _options.Warmup : TimeSpan.Zero;
        var before = warmup == TimeSpan.Zero ? start.Select(reading => reading.Latency).ToArray() : new MiddlewareLatency?[start.Length];
        _progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: {_options.Conversations} conversations on {_options.Instances.Count} instance(s) for {_options.Duration.TotalSeconds:0.#} s{(warmup > TimeSpan.Zero ? $" after a {warmup.TotalSeconds:0.#} s warm-up" : string.Empty)}; replies to {channel.ServiceUrl}"));

        var clock = Stopwatch.StartNew();
        var deadline = warmup + _options.Duration;
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // No round starts after the deadline; requests still in flight then get one request timeout, and the run ends.
        run.CancelAfter(deadline + _options.RequestTimeout);
        using var runOver = new CancellationTokenSource();
        var stalledInRun = CancelWhenStalledAsync(run, runOver.Token);
        var workers = Enumerable.Range(0, _options.Conversations)
            .Select(c => Task.Run(() => ConverseAsync(http, channel, c, clock, warmup, deadline, run.Token), CancellationToken.None))
            .ToArray();
        if (warmup > TimeSpan.Zero)
        {
            try
            {
                // The same conversations go on; from here their rounds count, and the hosts' histograms are read as a baseline.
                await Task.Delay(warmup, run.Token).ConfigureAwait(false);
                before = [.. (await ReadMetricsAsync(http, run.Token).ConfigureAwait(false)).Select(reading => reading.Latency)];
                _progress.WriteLine("load: warm-up done, measuring");
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested)
            {
                // The run stopped during the warm-up: no instance answered.
            }
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = clock.Elapsed - warmup;
        await runOver.CancelAsync().ConfigureAwait(false);
        var stalled = await stalledInRun.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        string? failure = stalled
            ? string.Create(CultureInfo.InvariantCulture, $"no instance answered for {_options.StallLimit.TotalSeconds:0.#} s; stopped {clock.Elapsed.TotalSeconds:0} s into the run: {_reachability.DescribeFailures()}")
            : null;

        // A fresh look at every instance: the middleware figures, and whether any is left to read the transcripts from.
        var after = await ReadMetricsAsync(http, cancellationToken).ConfigureAwait(false);
        var anyAnswering = after.Any(reading => reading.Answered);
        if (failure is null && !anyAnswering)
        {
            failure = $"no instance reachable at the end of the run: {_reachability.DescribeFailures()}";
        }

        await WaitForArrivalsAsync(channel, cancellationToken).ConfigureAwait(false);
        var transcripts = anyAnswering
            ? await CheckTranscriptsAsync(http, cancellationToken).ConfigureAwait(false)
            : new TranscriptCheck(Lost: 0, Duplicated: 0, Unchecked: _expectedInTranscript.Count, Stalled: false);
        if (failure is null && transcripts.Stalled)
        {
            failure = string.Create(CultureInfo.InvariantCulture,
                $"no instance answered for {_options.StallLimit.TotalSeconds:0.#} s while the transcripts were read: {_reachability.DescribeFailures()}");
        }

        if (failure is null && Interlocked.Read(ref _accepted) == 0)
        {
            failure = string.Create(CultureInfo.InvariantCulture,
                $"no message was accepted ({_errors:N0} errors, {_rateLimited:N0} rate-limited){(_reachability.DescribeFailures() is { Length: > 0 } failures ? ": " + failures : string.Empty)}");
        }

        var missing = _expectedAtChannel.Keys.Where(tag => !channel.Arrivals.ContainsKey(tag)).ToList();
        foreach (var tag in missing.Take(10))
        {
            _progress.WriteLine($"load: agent reply {tag} was answered delivered but never reached the channel");
        }

        var duplicatedAtChannel = channel.Arrivals.Count(a => a.Value > 1);
        var flaggedAtChannel = channel.Arrivals.Count(a => a.Value > 1 && _possibleDuplicates.ContainsKey(a.Key));
        return Report(
            elapsed > TimeSpan.Zero ? elapsed.TotalSeconds : 0,
            before,
            [.. after.Select(reading => reading.Latency)],
            lostAtChannel: missing.Count,
            transcripts,
            duplicatedAtChannel,
            flaggedAtChannel,
            channel.Leaked,
            failure);
    }

    /// <summary>The report of a run that never started: <paramref name="failure"/> says why.</summary>
    private LoadReport NotRun(string failure) =>
        Report(0, new MiddlewareLatency?[_options.Instances.Count], new MiddlewareLatency?[_options.Instances.Count], 0, new TranscriptCheck(0, 0, 0, false), 0, 0, 0, failure) with { Started = false };

    private LoadReport Report(
        double seconds,
        MiddlewareLatency?[] before,
        MiddlewareLatency?[] after,
        int lostAtChannel,
        TranscriptCheck transcripts,
        int duplicatedAtChannel,
        int flaggedAtChannel,
        long leaked,
        string? failure)
    {
        var middleware = MiddlewareLatency.Empty;
        var unread = new List<string>();
        for (var i = 0; i < _options.Instances.Count; i++)
        {
            if (before[i] is { } b && after[i] is { } a)
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
        var late = _lateStarts.SelectMany(l => l).ToArray();
        Array.Sort(late);
        var turns = _customerTurns + _agentTurns;
        return new LoadReport
        {
            Instances = _options.Instances.Count,
            Conversations = _options.Conversations,
            Seconds = seconds,
            CustomerTurns = _customerTurns,
            AgentTurns = _agentTurns,
            TurnsPerSecond = seconds > 0 ? turns / seconds : 0,
            P50Milliseconds = Percentile(all, 0.50),
            P90Milliseconds = Percentile(all, 0.90),
            P99Milliseconds = Percentile(all, 0.99),
            MaxMilliseconds = all.Length == 0 ? double.NaN : all[^1],
            LateStartP99Milliseconds = Percentile(late, 0.99),
            LateStartMaxMilliseconds = late.Length == 0 ? double.NaN : late[^1],
            MiddlewareP50Milliseconds = middleware.UpperBound(0.50),
            MiddlewareP99Milliseconds = middleware.UpperBound(0.99),
            MiddlewareMeanMilliseconds = middleware.Count > 0 ? middleware.Sum / middleware.Count : double.NaN,
            MiddlewareSamples = (long)middleware.Count,
            Delivered = _delivered,
            Held = _held,
            Redacted = _redacted,
            RateLimited = _rateLimited,
            Errors = _errors,
            Unanswered = _unanswered,
            Failovers = _failovers,
            Retries = _retries,
            Lost = lostAtChannel + transcripts.Lost,
            LostAgentReplies = lostAtChannel,
            LostCustomerMessages = transcripts.Lost,
            UncheckedCustomerMessages = transcripts.Unchecked,
            Duplicated = duplicatedAtChannel + transcripts.Duplicated,
            DuplicatedFlagged = flaggedAtChannel,
            Leaked = leaked,
            UnreadInstances = unread,
            Failure = failure,
        };
    }

    private async Task ConverseAsync(HttpClient http, LoadChannel channel, int conversation, Stopwatch clock, TimeSpan measureFrom, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var conversationId = ConversationId(conversation);
        var latencies = new List<double>();
        var lateStarts = new List<double>();
        try
        {
            // Spread over one interval so the conversations do not all knock at once, and kept so.
            for (var round = 0; ; round++)
            {
                var due = _schedule.DueAt(conversation, round);
                if (due >= deadline)
                {
                    break;
                }

                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                var counted = due >= measureFrom;
                if (counted && _options.RoundInterval > TimeSpan.Zero)
                {
                    lateStarts.Add(Math.Max(0, (clock.Elapsed - due).TotalMilliseconds));
                }

                var customerTag = LoadMarker.For('c', conversation, round);
                // One activity id per message, kept across retries and instances, as a channel redelivers the same activity.
                var activityId = Guid.NewGuid().ToString("N");
                var (status, ms) = await SendWithFailoverAsync(http, conversation, () => CustomerMessage(channel, conversationId, conversation, customerTag, activityId), cancellationToken).ConfigureAwait(false);
                Count(status, ms, counted ? latencies : null, isAgent: false, conversation, customerTag, body: null);
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                var holdsAddress = _options.PersonalDataEvery > 0 && round % _options.PersonalDataEvery == _options.PersonalDataEvery - 1;
                var agentTag = LoadMarker.For('a', conversation, round);
                var text = holdsAddress
                    ? $"The address we have for you is {LoadChannel.HeldText}, London NW1 6XE. {agentTag}"
                    : $"Thanks for waiting: your parcel leaves our warehouse on Monday. {agentTag}";
                JsonElement? body = null;
                (status, ms) = await SendWithFailoverAsync(http, conversation, () => AgentMessage(conversationId, text, IdempotencyKey(conversation, round)), cancellationToken, response => body = response).ConfigureAwait(false);
                Count(status, ms, counted ? latencies : null, isAgent: true, conversation, agentTag, body);
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ended (its hard stop, or no instance answering) while this conversation waited for its next round.
        }
        finally
        {
            _latencies.Add([.. latencies]);
            _lateStarts.Add([.. lateStarts]);
        }
    }

    /// <summary>
    /// Counts one answer; <paramref name="latencies"/> is null for a warm-up round, whose message is still expected to arrive
    /// exactly once (and whose errors still count) but which adds nothing to the speed figures.
    /// </summary>
    private void Count(HttpStatusCode? status, double ms, List<double>? latencies, bool isAgent, int conversation, string tag, JsonElement? body)
    {
        var counted = latencies is not null;
        if (status is null)
        {
            Interlocked.Increment(ref _unanswered);
            Interlocked.Increment(ref _errors);
            return;
        }

        if ((int)status >= 500)
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

            Interlocked.Increment(ref _accepted);
            _expectedInTranscript[tag] = conversation;
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
                Interlocked.Increment(ref _accepted);
                Interlocked.Add(ref _delivered, counted ? 1 : 0);
                _expectedAtChannel[tag] = 0;
                break;
            case "redacted":
                Interlocked.Increment(ref _accepted);
                Interlocked.Add(ref _redacted, counted ? 1 : 0);
                _expectedAtChannel[tag] = 0;
                break;
            case "held":
                Interlocked.Increment(ref _accepted);
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
    /// request (activity id, idempotency key) every time, until <see cref="RetryBudget"/> runs out or
    /// <paramref name="cancellationToken"/> ends the run. The status (null when none answered) and the time taken.
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
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var index = (conversation + attempt) % count;
                using var request = create();
                request.RequestUri = new Uri(_options.Instances[index], request.RequestUri!.ToString());
                TimeSpan? wait = null;
                try
                {
                    using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    _reachability.Answered(index);
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
                            try
                            {
                                onBody(await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false));
                            }
                            catch (JsonException)
                            {
                                // Not the JSON the host answers with: no body, which the caller counts as an error.
                            }
                        }

                        return (response.StatusCode, ms);
                    }
                }
                catch (HttpRequestException e)
                {
                    _reachability.Failed(index, RequestFailureReason.Of(e));
                    Interlocked.Increment(ref _failovers);
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // HttpClient's own timeout: the instance took the request and did not answer in time.
                    _reachability.Failed(index, RequestFailureReason.NoAnswerWithin(_options.RequestTimeout));
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
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run (or the check after it) ended before any instance answered this one for good.
            return (last, 0);
        }
    }

    /// <summary>
    /// Cancels <paramref name="target"/> when no instance has answered for <see cref="LoadOptions.StallLimit"/> while
    /// requests kept failing, and says whether it did; stops looking when <paramref name="stop"/> is cancelled.
    /// </summary>
    private async Task<bool> CancelWhenStalledAsync(CancellationTokenSource target, CancellationToken stop)
    {
        var poll = _options.StallLimit / 4 < MaxStallPoll ? _options.StallLimit / 4 : MaxStallPoll;
        try
        {
            while (!target.IsCancellationRequested)
            {
                await Task.Delay(poll, stop).ConfigureAwait(false);
                if (!target.IsCancellationRequested && _reachability.Stalled(_options.StallLimit))
                {
                    await target.CancelAsync().ConfigureAwait(false);
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The phase it watched is over.
        }

        return false;
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

    /// <summary>
    /// Counts customer messages accepted but missing from, or repeated in, the agent's view of each conversation; those
    /// of conversations whose view could not be read (no instance answered, or an error status) are unchecked, not lost.
    /// Stops early when no instance has answered for <see cref="LoadOptions.StallLimit"/>.
    /// </summary>
    private async Task<TranscriptCheck> CheckTranscriptsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var seen = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var read = new ConcurrentDictionary<int, byte>();
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var readingOver = new CancellationTokenSource();
        var stalledWhileReading = CancelWhenStalledAsync(reading, readingOver.Token);
        try
        {
            var conversations = _expectedInTranscript.Values.Distinct().Order().ToArray();
            await Parallel.ForEachAsync(conversations, new ParallelOptions { MaxDegreeOfParallelism = TranscriptReaders, CancellationToken = reading.Token }, async (conversation, ct) =>
            {
                JsonElement? body = null;
                var (status, _) = await SendWithFailoverAsync(http, conversation, () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, $"api/agent/conversations/{Uri.EscapeDataString(ConversationId(conversation))}");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AgentKey);
                    return request;
                }, ct, response => body = response).ConfigureAwait(false);
                if (status == HttpStatusCode.NotFound)
                {
                    // The host does not know the conversation: every message it accepted in it is lost.
                    read[conversation] = 0;
                    return;
                }

                if (status != HttpStatusCode.OK || body is not { } view || !view.TryGetProperty("transcript", out var transcript) || transcript.ValueKind != JsonValueKind.Array)
                {
                    return;
                }

                foreach (var line in transcript.EnumerateArray())
                {
                    if (line.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && LoadMarker.Find(text.GetString()) is { } tag && tag.StartsWith("[load c ", StringComparison.Ordinal))
                    {
                        seen.AddOrUpdate(tag, 1, (_, n) => n + 1);
                    }
                }

                read[conversation] = 0;
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (reading.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // No instance answered for the stall limit: the conversations not read yet stay unchecked.
        }
        finally
        {
            await readingOver.CancelAsync().ConfigureAwait(false);
        }

        var stalled = await stalledWhileReading.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        long lost = 0, duplicated = 0, notChecked = 0;
        foreach (var (tag, conversation) in _expectedInTranscript)
        {
            if (!read.ContainsKey(conversation))
            {
                notChecked++;
            }
            else if (!seen.TryGetValue(tag, out var n))
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

        if (notChecked > 0)
        {
            _progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"load: {notChecked:N0} accepted customer messages could not be checked: their conversations' transcripts could not be read"));
        }

        return new TranscriptCheck(lost, duplicated, notChecked, stalled);
    }

    /// <summary>
    /// Reads every instance's middleware histogram at once (each read bounded by the request timeout), noting which
    /// instances answered at all.
    /// </summary>
    private async Task<MetricsReading[]> ReadMetricsAsync(HttpClient http, CancellationToken cancellationToken) =>
        await Task.WhenAll(Enumerable.Range(0, _options.Instances.Count).Select(i => ReadMetricsAsync(http, i, cancellationToken))).ConfigureAwait(false);

    private async Task<MetricsReading> ReadMetricsAsync(HttpClient http, int instance, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(_options.Instances[instance], "metrics"), cancellationToken).ConfigureAwait(false);
            _reachability.Answered(instance);
            if (!response.IsSuccessStatusCode)
            {
                return new MetricsReading(Answered: true, Latency: null);
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new MetricsReading(Answered: true, MiddlewareLatency.Parse(text));
        }
        catch (HttpRequestException e)
        {
            _reachability.Failed(instance, RequestFailureReason.Of(e));
            return new MetricsReading(Answered: false, Latency: null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _reachability.Failed(instance, RequestFailureReason.NoAnswerWithin(_options.RequestTimeout));
            return new MetricsReading(Answered: false, Latency: null);
        }
        catch (FormatException)
        {
            // Answered, but not with the histogram in the form expected: its middleware figures are left out.
            return new MetricsReading(Answered: true, Latency: null);
        }
    }

    /// <summary>The agent reply's idempotency key: one per round, the same on every retry and instance.</summary>
    private string IdempotencyKey(int conversation, int round) =>
        string.Create(CultureInfo.InvariantCulture, $"load-{_runId}-{conversation}-{round}");

    private string ConversationId(int conversation) => string.Create(CultureInfo.InvariantCulture, $"load-{_runId}-{conversation}");

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    /// <summary>One instance's answer to a metrics read: whether it answered at all, and its histogram when it could be read.</summary>
    private readonly record struct MetricsReading(bool Answered, MiddlewareLatency? Latency);

    /// <summary>What the transcripts showed, and whether reading them stopped because no instance answered.</summary>
    private readonly record struct TranscriptCheck(long Lost, long Duplicated, long Unchecked, bool Stalled);
}
