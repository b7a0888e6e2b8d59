using System.Globalization;
using System.Text;
using System.Text.Json;
using SupportShield.Cli.Arguments;
using SupportShield.Cli.Engine;
using SupportShield.Cli.Evaluation;

namespace SupportShield.Cli.Commands;

/// <summary><c>supportshield eval</c>: span precision, recall, F1 and F2 per type, and optionally the intent confusion matrix.</summary>
public sealed class EvalCommand : ICommand
{
    private const string CorpusOption = "--corpus";
    private const string IntentsOption = "--intents";
    private const string JsonFlag = "--json";
    private static readonly string[] Flags = [JsonFlag];
    private static readonly string[] ValueOptions = [CorpusOption, IntentsOption, EngineFactory.RulesOption];

    /// <inheritdoc />
    public string Name => "eval";

    /// <inheritdoc />
    public string Summary => "score the engine against a labelled span corpus (and an intent corpus)";

    /// <inheritdoc />
    public string Help => """
        Usage: supportshield eval --corpus FILE [--intents FILE] [--json] [--rules FILE]

        Spans: each line {"id", "text", "spans": [{"start", "end", "type"}]} is analysed as a customer message. A prediction
        is a true positive when it overlaps a not yet matched gold span of the same type (one-to-one). Prints precision,
        recall, F1 and F2 per type (every type seen in gold or predictions) and micro totals over those types.
        Intents: the customer turns of {"id", "role", "text", "label"} lines give a confusion matrix (rows gold, columns
        predicted), per-label precision and recall, and the share of NONE turns flagged as something else.
        A ratio with a zero denominator is printed as 0.

        Options:
          --corpus FILE    span corpus (JSON lines), required
          --intents FILE   intent corpus (JSON lines)
          --json           print the same figures as one JSON object
          --rules FILE     detection rules file (default: the bundled rules)
          -h, --help       show this help

        Exit codes: 0 done, 1 some corpus lines were malformed (reported on stderr, skipped), 2 bad arguments or missing file.
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
        var corpusPath = parsed.Required(CorpusOption);
        var intentsPath = parsed.Value(IntentsOption);
        var engine = EngineFactory.Create(EngineFactory.OptionsFrom(parsed));
        var evaluator = new CorpusEvaluator(engine);
        var malformed = 0;

        SpanEvaluation spans;
        using (var reader = CorpusFiles.Open(corpusPath))
        {
            spans = evaluator.EvaluateSpans(reader, (line, message) =>
            {
                malformed++;
                io.Error.WriteLine($"{corpusPath} line {line}: {message}");
            });
        }

        IntentConfusionMatrix? intents = null;
        if (intentsPath is not null)
        {
            using var reader = CorpusFiles.Open(intentsPath);
            intents = evaluator.EvaluateIntents(reader, (line, message) =>
            {
                malformed++;
                io.Error.WriteLine($"{intentsPath} line {line}: {message}");
            });
        }

        io.Out.Write(parsed.Has(JsonFlag) ? RenderJson(spans, intents) : RenderText(spans, intents));
        io.Out.Flush();
        return malformed == 0 ? ExitCodes.Success : ExitCodes.MalformedInput;
    }

    /// <summary>The figures as a plain-text report.</summary>
    public static string RenderText(SpanEvaluation spans, IntentConfusionMatrix? intents)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"Spans: {spans.Lines} lines (overlap match, same type)");
        b.AppendLine(CultureInfo.InvariantCulture, $"{"type",-20} {"support",7} {"pred",6} {"tp",6} {"fp",6} {"fn",6} {"P",6} {"R",6} {"F1",6} {"F2",6}");
        foreach (var (type, counts) in spans.Types)
        {
            AppendRow(b, type, counts);
        }

        AppendRow(b, "MICRO", spans.Micro);
        if (intents is null)
        {
            return b.ToString();
        }

        b.AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"Intents: {intents.Total} customer turns (rows gold, columns predicted)");
        b.Append(CultureInfo.InvariantCulture, $"{"gold \\ predicted",-16}");
        foreach (var label in intents.Labels)
        {
            b.Append(CultureInfo.InvariantCulture, $" {label,14}");
        }

        b.AppendLine();
        foreach (var gold in intents.Labels)
        {
            b.Append(CultureInfo.InvariantCulture, $"{gold,-16}");
            foreach (var predicted in intents.Labels)
            {
                b.Append(CultureInfo.InvariantCulture, $" {intents.Count(gold, predicted),14}");
            }

            b.AppendLine();
        }

        b.AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"{"label",-16} {"support",7} {"P",6} {"R",6} {"F1",6}");
        foreach (var label in intents.Labels)
        {
            var c = intents.CountsFor(label);
            b.AppendLine(CultureInfo.InvariantCulture, $"{label,-16} {c.Support,7} {c.Precision,6:F3} {c.Recall,6:F3} {c.F1,6:F3}");
        }

        b.AppendLine(CultureInfo.InvariantCulture, $"NONE flagged as something else: {intents.NoneFlaggedShare:F3}");
        return b.ToString();
    }

    /// <summary>The figures as one indented JSON object.</summary>
    public static string RenderJson(SpanEvaluation spans, IntentConfusionMatrix? intents)
    {
        ArgumentNullException.ThrowIfNull(spans);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("spans");
            json.WriteNumber("lines", spans.Lines);
            json.WriteStartObject("types");
            foreach (var (type, counts) in spans.Types)
            {
                WriteCounts(json, type, counts);
            }

            json.WriteEndObject();
            WriteCounts(json, "micro", spans.Micro);
            json.WriteEndObject();
            if (intents is not null)
            {
                json.WriteStartObject("intents");
                json.WriteNumber("turns", intents.Total);
                json.WriteStartArray("labels");
                foreach (var label in intents.Labels)
                {
                    json.WriteStringValue(label);
                }

                json.WriteEndArray();
                json.WriteStartArray("matrix");
                foreach (var gold in intents.Labels)
                {
                    json.WriteStartArray();
                    foreach (var predicted in intents.Labels)
                    {
                        json.WriteNumberValue(intents.Count(gold, predicted));
                    }

                    json.WriteEndArray();
                }

                json.WriteEndArray();
                json.WriteStartObject("perLabel");
                foreach (var label in intents.Labels)
                {
                    WriteCounts(json, label, intents.CountsFor(label));
                }

                json.WriteEndObject();
                json.WriteNumber("noneFlaggedShare", intents.NoneFlaggedShare);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static void AppendRow(StringBuilder b, string type, PrfCounts c) =>
        b.AppendLine(CultureInfo.InvariantCulture, $"{type,-20} {c.Support,7} {c.Predicted,6} {c.TruePositives,6} {c.FalsePositives,6} {c.FalseNegatives,6} {c.Precision,6:F3} {c.Recall,6:F3} {c.F1,6:F3} {c.F2,6:F3}");

    private static void WriteCounts(Utf8JsonWriter json, string name, PrfCounts c)
    {
        json.WriteStartObject(name);
        json.WriteNumber("support", c.Support);
        json.WriteNumber("predicted", c.Predicted);
        json.WriteNumber("truePositives", c.TruePositives);
        json.WriteNumber("falsePositives", c.FalsePositives);
        json.WriteNumber("falseNegatives", c.FalseNegatives);
        json.WriteNumber("precision", c.Precision);
        json.WriteNumber("recall", c.Recall);
        json.WriteNumber("f1", c.F1);
        json.WriteNumber("f2", c.F2);
        json.WriteEndObject();
    }
}
