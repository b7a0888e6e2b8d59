using SupportShield.Cli.Arguments;
using SupportShield.Cli.Engine;
using SupportShield.Cli.Scanning;

namespace SupportShield.Cli.Commands;

/// <summary><c>supportshield scan</c>: JSON lines in, one JSON result line out per message, streamed.</summary>
public sealed class ScanCommand : ICommand
{
    private static readonly string[] Flags = [];
    private static readonly string[] ValueOptions = [EngineFactory.RulesOption];

    /// <inheritdoc />
    public string Name => "scan";

    /// <inheritdoc />
    public string Summary => "scan JSON lines from stdin; one result line per message on stdout";

    /// <inheritdoc />
    public string Help => """
        Usage: supportshield scan [--rules FILE] < messages.jsonl

        Reads one JSON object per line from stdin:
          {"id": "m1", "text": "...", "role": "customer" | "agent" | "bot",
           "account": {"accountId", "name", "email", "phone", "postalAddress", "zip", "cardLast4",
                       "dateOfBirth": "yyyy-MM-dd"}}
        "role" and "account" (and each account field) are optional. A missing role is treated as customer.
        Writes one line per message to stdout:
          {"id": "m1", "findings": [{"type": "EMAIL", "start": 10, "end": 27, "score": 0.95, "rule": "email.pattern"}],
           "intent": "REQUEST_PII" | "CHANGE_CONTACT" | "PROVIDE_PII" | "NONE"}
        Offsets are UTF-16 indices into the original text, end exclusive. Agent and bot messages have intent NONE.
        Blank lines are skipped. A malformed line is reported on stderr as "line N: ..." and skipped.

        Options:
          --rules FILE   detection rules file (default: the bundled rules)
          -h, --help     show this help

        Exit codes: 0 every line was read, 1 some lines were malformed (the others were scanned), 2 bad arguments.
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
        var engine = EngineFactory.Create(EngineFactory.OptionsFrom(parsed));
        using var writer = new ScanResultWriter(io.Out);
        var malformed = 0;
        var lineNumber = 0;
        for (var line = io.In.ReadLine(); line is not null; line = io.In.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ScanMessage message;
            try
            {
                message = ScanMessageParser.Parse(line);
            }
            catch (InputLineException e)
            {
                malformed++;
                io.Error.WriteLine($"line {lineNumber}: {e.Message}");
                continue;
            }

            Detection.Engine.AnalysisResult result;
            try
            {
                result = engine.Analyze(message.Request);
            }
            catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                // Not screened in time (a rules file's backtracking expression): say so rather than print "no findings".
                malformed++;
                io.Error.WriteLine($"line {lineNumber}: screening ran out of time; the line was not screened");
                continue;
            }

            writer.Write(message.Id, result);
            if (io.FlushEachLine)
            {
                io.Out.Flush();
            }
        }

        io.Out.Flush();
        return malformed == 0 ? ExitCodes.Success : ExitCodes.MalformedInput;
    }
}
