using System.Globalization;
using System.Text.Json;
using SupportShield.Cli.Arguments;
using SupportShield.Cli.Load;

namespace SupportShield.Cli.Commands;

/// <summary><c>supportshield load</c>: many concurrent conversations against running hosts, with lost/duplicated/leaked checks.</summary>
public sealed class LoadCommand : ICommand
{
    private const string UrlOption = "--url";
    private const string ConversationsOption = "--conversations";
    private const string SecondsOption = "--seconds";
    private const string AgentKeyOption = "--agent-key";
    private const string IntervalOption = "--interval";
    private const string PersonalDataEveryOption = "--pii-every";
    private const string GraceOption = "--grace";
    private const string WarmupOption = "--warmup";
    private const string TimeoutOption = "--timeout";
    private const string JsonFlag = "--json";
    private const string AgentKeyVariable = "SUPPORTSHIELD_AGENT_KEY";
    private static readonly string[] Flags = [JsonFlag];
    private static readonly string[] ValueOptions = [UrlOption, ConversationsOption, SecondsOption, AgentKeyOption, IntervalOption, PersonalDataEveryOption, GraceOption, WarmupOption, TimeoutOption];
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <inheritdoc />
    public string Name => "load";

    /// <inheritdoc />
    public string Summary => "drive many concurrent conversations through running hosts and check nothing is lost";

    /// <inheritdoc />
    public string Help => """
        Usage: supportshield load --url URL[,URL...] --conversations N --seconds S [options]

        Starts its own Bot Framework channel on 127.0.0.1 and runs N conversations at once against the host(s): each round
        the customer posts a message to /api/messages (replies come back to the channel as the serviceUrl) and an agent
        answers through the agent API; every n-th answer holds a street address, which the host must hold. Conversation i
        goes to instance i mod n (several URLs: instances sharing one database), and to the next instance when its own
        cannot be reached. Afterwards it checks that every accepted message arrived exactly once (agent replies at the
        channel, customer messages in the agent's transcript) and that no held reply reached the channel.
        The run is bounded: no round starts after warm-up + S seconds, requests still in flight then get one request
        timeout, late replies get the grace period. When no instance can be reached at the start, when none has answered
        for 30 s while requests kept failing, or when none answers at the end, it stops, says which instance failed and
        why (for example "load: no instance reachable at http://127.0.0.1:5999/: connection refused"), and exits 3.
        Reports turns per second, turn latency percentiles, how far behind the timetable rounds started (this command's
        own delay), the time SupportShield's middleware added (from the hosts' /metrics histogram: upper bounds of the
        buckets holding p50/p99), and lost, duplicated and leaked messages.

        Options:
          --url URL[,URL]      base address(es) of the host instance(s), required
          --conversations N    concurrent conversations (default 100)
          --seconds S          how long new rounds start (default 30)
          --agent-key KEY      agent key (default: $SUPPORTSHIELD_AGENT_KEY)
          --interval S         time between one conversation's rounds, on a fixed timetable: a late round does not
                               push the next ones back (default 4.2: two messages a round stay under the default 30
                               messages per conversation per minute; 0 = each round as soon as the last one ends)
          --pii-every N        every N-th agent reply holds an address (default 10; 0 = never)
          --grace S            wait for late replies after the run (default 10)
          --warmup S           run the same conversations for S seconds before measuring (default 0): not counted in
                               speed or latency, still checked for lost and duplicated messages (a host that has just
                               started compiles its code for a minute or so, which is not its steady speed)
          --timeout S          longest wait for one request's answer (default 10); a request not answered in time
                               counts as a failure of its instance and goes to the next one
          --json               print the report as JSON
          -h, --help           show this help
        Exit code: 0 when nothing was lost, duplicated or leaked; 1 otherwise (also when accepted messages could not be
        checked); 2 bad arguments; 3 when no instance could be reached, all stopped answering, or none accepted a message.
        """;

    /// <inheritdoc />
    public int Execute(IReadOnlyList<string> args, CommandIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var parsed = ParsedArguments.Parse(args, Flags, ValueOptions);
        if (parsed.HelpRequested)
        {
            io.Out.WriteLine(Help);
            return ExitCodes.Success;
        }

        parsed.ExpectPositionals(0, "nothing");
        var options = new LoadOptions(
            Urls(parsed.Required(UrlOption)),
            (int)Number(parsed.Value(ConversationsOption), ConversationsOption, 100, 1, 100_000),
            TimeSpan.FromSeconds(Number(parsed.Value(SecondsOption), SecondsOption, 30, 0.1, 86_400)),
            parsed.Value(AgentKeyOption) ?? Environment.GetEnvironmentVariable(AgentKeyVariable)
                ?? throw new UsageException($"an agent key is required: {AgentKeyOption} KEY or ${AgentKeyVariable}"),
            TimeSpan.FromSeconds(Number(parsed.Value(IntervalOption), IntervalOption, 4.2, 0, 3600)),
            (int)Number(parsed.Value(PersonalDataEveryOption), PersonalDataEveryOption, 10, 0, 1_000_000),
            TimeSpan.FromSeconds(Number(parsed.Value(GraceOption), GraceOption, 10, 0, 600)),
            TimeSpan.FromSeconds(Number(parsed.Value(WarmupOption), WarmupOption, 0, 0, 3600)))
        {
            RequestTimeout = TimeSpan.FromSeconds(Number(parsed.Value(TimeoutOption), TimeoutOption, 10, 0.1, 600)),
        };

        var report = new LoadRunner(options, io.Error).RunAsync().GetAwaiter().GetResult();
        if (report.Failure is not null)
        {
            io.Error.WriteLine($"load: {report.Failure}");
        }

        if (parsed.Has(JsonFlag))
        {
            io.Out.WriteLine(JsonSerializer.Serialize(report, JsonOptions));
        }
        else if (report.Started)
        {
            Write(report, io.Out);
        }

        io.Out.Flush();
        return report.Failure is not null ? ExitCodes.RunFailed
            : report.Clean ? ExitCodes.Success
            : ExitCodes.MalformedInput;
    }

    private static void Write(LoadReport r, TextWriter o)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"instances        {r.Instances}, conversations {r.Conversations}, {r.Seconds:0.0} s"));
        o.WriteLine(string.Create(c, $"turns            {r.CustomerTurns + r.AgentTurns:N0} (customer {r.CustomerTurns:N0}, agent {r.AgentTurns:N0}): {r.TurnsPerSecond:N1} turns/s"));
        o.WriteLine(string.Create(c, $"turn latency     p50 {r.P50Milliseconds:0.0} ms, p90 {r.P90Milliseconds:0.0} ms, p99 {r.P99Milliseconds:0.0} ms, max {r.MaxMilliseconds:0.0} ms"));
        if (!double.IsNaN(r.LateStartP99Milliseconds))
        {
            o.WriteLine(string.Create(c, $"rounds late      p99 {r.LateStartP99Milliseconds:0.0} ms, max {r.LateStartMaxMilliseconds:0.0} ms behind the timetable (this command's own delay)"));
        }

        o.WriteLine(string.Create(c, $"middleware adds  p50 <= {r.MiddlewareP50Milliseconds:0.###} ms, p99 <= {r.MiddlewareP99Milliseconds:0.###} ms, mean {r.MiddlewareMeanMilliseconds:0.###} ms ({r.MiddlewareSamples:N0} screenings, from /metrics)"));
        if (r.UnreadInstances.Count > 0)
        {
            o.WriteLine($"                 not read after the run (left out): {string.Join(", ", r.UnreadInstances)}");
        }

        o.WriteLine(string.Create(c, $"agent replies    delivered {r.Delivered:N0}, redacted {r.Redacted:N0}, held {r.Held:N0}"));
        o.WriteLine(string.Create(c, $"refused          rate-limited {r.RateLimited:N0}, errors {r.Errors:N0} (unanswered {r.Unanswered:N0}); failovers {r.Failovers:N0}, retries {r.Retries:N0}"));
        o.WriteLine(string.Create(c, $"lost             {r.Lost:N0} (agent replies {r.LostAgentReplies:N0}, customer messages {r.LostCustomerMessages:N0})"));
        if (r.UncheckedCustomerMessages > 0)
        {
            o.WriteLine(string.Create(c, $"                 unchecked: {r.UncheckedCustomerMessages:N0} accepted customer messages whose transcript could not be read"));
        }

        o.WriteLine(string.Create(c, $"duplicated       {r.Duplicated:N0} ({r.DuplicatedFlagged:N0} flagged possibleDuplicate by the host)"));
        o.WriteLine(string.Create(c, $"leaked           {r.Leaked:N0} (held replies that reached the channel)"));
        if (r.Failure is not null)
        {
            o.WriteLine($"failed           {r.Failure}");
        }
    }

    private static List<Uri> Urls(string value)
    {
        var urls = new List<Uri>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part.EndsWith('/') ? part : part + "/", UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new UsageException($"{UrlOption}: '{part}' is not an http(s) address");
            }

            urls.Add(uri);
        }

        return urls.Count > 0 ? urls : throw new UsageException($"{UrlOption} needs at least one address");
    }

    private static double Number(string? value, string option, double fallback, double min, double max)
    {
        if (value is null)
        {
            return fallback;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            throw new UsageException($"{option} must be a number from {min} to {max}, not '{value}'");
        }

        return number;
    }
}
