using System.Globalization;
using System.Text;
using SupportShield.Cli.Arguments;
using SupportShield.Cli.Engine;
using SupportShield.Cli.Scanning;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Policy;

namespace SupportShield.Cli.Commands;

/// <summary>
/// <c>supportshield explain "TEXT"</c>: everything the engine concluded about one message, in words. It quotes the matched
/// text because the user typed it into their own terminal.
/// </summary>
public sealed class ExplainCommand : ICommand
{
    private const string RoleOption = "--role";
    private static readonly string[] Flags = [];
    private static readonly string[] ValueOptions = [RoleOption, EngineFactory.RulesOption];

    /// <inheritdoc />
    public string Name => "explain";

    /// <inheritdoc />
    public string Summary => "explain the findings, intent and policy decision for one message";

    /// <inheritdoc />
    public string Help => """
        Usage: supportshield explain "TEXT" [--role customer|agent|bot] [--rules FILE]

        Prints the normalised text, each finding with how it was found (recognizer, pattern, base score, validation,
        context words and boost, on-file field), the customer's intent with the rule that decided it, and the policy
        decision for an unverified customer: for the message as written by ROLE and, for a customer message, for the
        same text sent to the customer by an agent.

        Options:
          --role R       who wrote the text (default: customer)
          --rules FILE   detection rules file (default: the bundled rules)
          -h, --help     show this help
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

        parsed.ExpectPositionals(1, "the text to explain");
        var role = MessageRole.Customer;
        var roleName = parsed.Value(RoleOption);
        if (roleName is not null && !ScanMessageParser.TryParseRole(roleName, out role))
        {
            throw new UsageException($"--role must be customer, agent or bot, not '{roleName}'");
        }

        var engine = EngineFactory.Create(EngineFactory.OptionsFrom(parsed));
        var text = parsed.Positionals[0];
        var result = engine.Analyze(new AnalysisRequest(text) { Role = role });
        var outgoing = role == MessageRole.Customer ? engine.Analyze(new AnalysisRequest(text) { Role = MessageRole.Agent }).Decision : null;
        io.Out.Write(Render(result, role, outgoing));
        io.Out.Flush();
        return ExitCodes.Success;
    }

    /// <summary>The explanation of <paramref name="result"/> as text.</summary>
    /// <param name="result">The analysis of the message.</param>
    /// <param name="role">Who wrote it.</param>
    /// <param name="asOutgoing">For a customer message, the decision had an agent sent the same text, or null.</param>
    public static string Render(AnalysisResult result, MessageRole role, PolicyDecision? asOutgoing)
    {
        ArgumentNullException.ThrowIfNull(result);
        var b = new StringBuilder();
        var roleName = role.ToString().ToLowerInvariant();
        b.AppendLine(CultureInfo.InvariantCulture, $"Role: {roleName}");
        b.AppendLine(CultureInfo.InvariantCulture, $"Normalised text: {Quote(result.Normalized.Text)}{(result.Normalized.IsIdentity ? " (unchanged)" : string.Empty)}");
        b.AppendLine();

        var findings = result.AllFindings;
        b.AppendLine(CultureInfo.InvariantCulture, $"Findings: {findings.Count}");
        for (var i = 0; i < findings.Count; i++)
        {
            AppendFinding(b, i + 1, findings[i], result.Normalized.Original);
        }

        b.AppendLine();
        if (result.Intent is null)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"Intent: NONE (not classified: {roleName} message)");
        }
        else
        {
            var fields = result.Intent.Fields.Count == 0 ? string.Empty : $"; fields: {string.Join(", ", result.Intent.Fields)}";
            b.AppendLine(CultureInfo.InvariantCulture, $"Intent: {IntentNames.Of(result.Intent)} (rule {result.Intent.RuleId}{fields})");
            b.AppendLine(CultureInfo.InvariantCulture, $"  {result.Intent.Explanation}");
        }

        b.AppendLine();
        b.AppendLine("Policy decision for an unverified customer:");
        var direction = role == MessageRole.Customer ? "incoming" : "outgoing";
        AppendDecision(b, $"as written by the {roleName} ({direction})", result.Decision);
        if (asOutgoing is not null)
        {
            AppendDecision(b, "if an agent sent this text to the customer (outgoing)", asOutgoing);
        }

        return b.ToString();
    }

    private static void AppendFinding(StringBuilder b, int number, Finding finding, string original)
    {
        var e = finding.Explanation;
        b.AppendLine(CultureInfo.InvariantCulture, $"  {number}. {finding.Type.ToCanonicalName()} [{finding.Start}, {finding.End}) {Quote(original[finding.Start..finding.End])}");
        b.AppendLine(CultureInfo.InvariantCulture, $"     score {F(finding.Score)}, rule {finding.RuleId}");
        b.AppendLine(CultureInfo.InvariantCulture, $"     recognizer {e.Recognizer}, pattern {e.Pattern}, base score {F(e.BaseScore)}");
        b.AppendLine(CultureInfo.InvariantCulture, $"     validation: {e.Validation ?? "none"}");
        var words = e.ContextWords is { Count: > 0 } ? string.Join(", ", e.ContextWords) : "none";
        b.AppendLine(CultureInfo.InvariantCulture, $"     context words: {words}; boost {(e.ContextBoost >= 0 ? "+" : string.Empty)}{F(e.ContextBoost)}");
        b.AppendLine(CultureInfo.InvariantCulture, $"     on file: {finding.OnFileField ?? "no"}");
    }

    private static void AppendDecision(StringBuilder b, string label, PolicyDecision decision)
    {
        b.AppendLine(CultureInfo.InvariantCulture, $"  {label}: {decision.Action}");
        foreach (var reason in decision.Reasons)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"    - {reason.Action} {reason.Type} (rule {reason.Rule}, policy {reason.PolicyRule}): {reason.Detail}");
        }

        if (decision.Redactions.Count > 0)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"    redacted spans: {string.Join(", ", decision.Redactions.Select(r => $"[{r.Start}, {r.End})"))}");
        }
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    // Control characters are shown escaped so that a finding spanning a line break stays on one line.
    private static string Quote(string value)
    {
        var b = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append(@"\\"); break;
                case '\r': b.Append(@"\r"); break;
                case '\n': b.Append(@"\n"); break;
                case '\t': b.Append(@"\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        b.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        return b.Append('"').ToString();
    }
}
