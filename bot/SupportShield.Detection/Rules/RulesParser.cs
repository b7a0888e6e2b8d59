using System.Globalization;
using System.Text.RegularExpressions;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SupportShield.Detection.Rules;

/// <summary>
/// Reads a rules file from YamlDotNet's representation model, which keeps the position of every node, so that each problem
/// is reported with the line it is on. Collects every problem instead of stopping at the first.
/// </summary>
internal sealed class RulesParser
{
    private const double DefaultContextBoost = 0.35;

    private static readonly string[] TopKeys = ["version", "threshold", "types", "policy", "verification_levels", "recognizers", "allow", "deny"];
    private static readonly string[] TypeKeys = ["enabled", "threshold"];
    private static readonly string[] PolicyKeys = ["id", "direction", "verified", "types", "except_types", "on_file", "action", "reason"];
    private static readonly string[] RecognizerKeys = ["id", "type", "regex", "score", "validator", "context", "context_boost"];
    private static readonly string[] AllowKeys = ["phones", "addresses", "email_domains", "exact"];
    private static readonly string[] DenyKeys = ["id", "type", "literal", "regex", "score"];

    private readonly List<RulesError> _errors = [];

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<RulesError> Errors => _errors;

    /// <summary>Parses <paramref name="yaml"/>; returns null when it has problems (see <see cref="Errors"/>).</summary>
    public RulesFile? Parse(string yaml)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            _errors.Add(new RulesError(Line(e.Start), Column(e.Start), "YAML syntax error: " + SyntaxMessage(e)));
            return null;
        }
        catch (InvalidOperationException)
        {
            // The scanner gives up on some malformed input without a position; the last event read is close to the problem.
            var at = parser.Current?.End ?? Mark.Empty;
            _errors.Add(new RulesError(Line(at), Column(at), "YAML syntax error: the text cannot be read as YAML here (an unclosed bracket or quote?)"));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            _errors.Add(new RulesError(1, 1, "the file is empty; it needs at least a 'policy' table"));
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            Error(stream.Documents[1].RootNode, "the file holds more than one YAML document ('---'); put all rules in one");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Error(stream.Documents[0].RootNode, "the file must be a mapping of sections (threshold, types, policy, recognizers, allow, deny)");
            return null;
        }

        var keys = Keys(root, "the file", TopKeys);
        var file = new RulesFile();
        if (keys.TryGetValue("version", out var version) && Scalar(version, "version") is { } v && v != "1")
        {
            Error(version, $"unsupported version '{v}' (expected 1)");
        }

        if (keys.TryGetValue("threshold", out var threshold) && Number(threshold, "threshold") is { } t)
        {
            file = file with { Threshold = t };
        }

        if (keys.TryGetValue("types", out var types))
        {
            file = file with { Types = ParseTypes(types) };
        }

        if (keys.TryGetValue("policy", out var policy))
        {
            file = file with { Policy = ParsePolicy(policy) };
        }
        else
        {
            Error(root, "the file has no 'policy' table; without one every outgoing finding is held");
        }

        if (keys.TryGetValue("verification_levels", out var levels))
        {
            file = file with { StepUp = ParseLevels(levels) };
        }

        var findingIds = new Dictionary<string, int>(StringComparer.Ordinal);
        if (keys.TryGetValue("recognizers", out var recognizers))
        {
            file = file with { Recognizers = ParseRecognizers(recognizers, findingIds) };
        }

        if (keys.TryGetValue("allow", out var allow))
        {
            file = file with { Allow = ParseAllow(allow) };
        }

        if (keys.TryGetValue("deny", out var deny))
        {
            file = file with { Deny = ParseDeny(deny, findingIds) };
        }

        _errors.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return _errors.Count == 0 ? file : null;
    }

    private Dictionary<EntityType, TypeRule> ParseTypes(YamlNode node)
    {
        var result = new Dictionary<EntityType, TypeRule>();
        if (Null(node))
        {
            return result;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, "'types' must be a mapping of entity type names, for example 'PHONE: { enabled: true, threshold: 0.6 }'");
            return result;
        }

        foreach (var (keyNode, value) in map.Children)
        {
            if (Scalar(keyNode, "an entity type name") is not { } name)
            {
                continue;
            }

            if (!EntityTypeNames.TryParse(name, out var type))
            {
                Error(keyNode, UnknownType(name));
                continue;
            }

            if (value is not YamlMappingNode entry)
            {
                Error(value, $"'{name}' must be a mapping such as '{{ enabled: true, threshold: 0.6 }}'");
                continue;
            }

            var keys = Keys(entry, $"type '{name}'", TypeKeys);
            var enabled = keys.TryGetValue("enabled", out var e) ? Bool(e, "enabled") ?? true : true;
            var threshold = keys.TryGetValue("threshold", out var t) ? Number(t, "threshold") : null;
            result[type] = new TypeRule(enabled, threshold);
        }

        return result;
    }

    private List<PolicyRule> ParsePolicy(YamlNode node)
    {
        var rows = new List<PolicyRule>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in Entries(node, emptyWhenNull: false, "'policy' must be a list of rows ('- id: ...')", "a policy row must be a mapping with id, action and reason"))
        {
            var keys = Keys(row, "a policy row", PolicyKeys);
            var id = RequiredId(row, keys, "policy row", ids);
            ScreeningDirection? direction = null;
            if (keys.TryGetValue("direction", out var d) && Scalar(d, "direction") is { } directionText
                && !RulesVocabulary.TryParseDirection(directionText, out direction))
            {
                Error(d, $"unknown direction '{directionText}' (expected incoming, outgoing or any)");
            }

            var verified = keys.TryGetValue("verified", out var v) ? AnyBool(v, "verified") : null;
            var onFile = keys.TryGetValue("on_file", out var o) ? AnyBool(o, "on_file") : null;
            var types = keys.TryGetValue("types", out var t) ? TypeSet(t, "types") : [];
            var except = keys.TryGetValue("except_types", out var x) ? TypeSet(x, "except_types") : [];
            var action = PolicyAction.Hold;
            if (!keys.TryGetValue("action", out var a))
            {
                Error(row, $"policy row '{id}' has no 'action' (allow, redact, hold or block)");
            }
            else if (Scalar(a, "action") is { } actionText && !RulesVocabulary.TryParseAction(actionText, out action))
            {
                Error(a, $"unknown action '{actionText}' (expected allow, redact, hold or block)");
            }

            var reason = keys.TryGetValue("reason", out var r) ? Scalar(r, "reason") : null;
            if (reason is null)
            {
                Error(r ?? row, $"policy row '{id}' has no 'reason' (plain words shown to agents)");
            }

            rows.Add(new PolicyRule
            {
                Id = id ?? string.Empty,
                Direction = direction,
                CustomerVerified = verified,
                Types = types,
                ExceptTypes = except,
                OnFile = onFile,
                Action = action,
                Reason = reason ?? string.Empty,
            });
        }

        if (node is YamlSequenceNode { Children.Count: 0 })
        {
            Error(node, "'policy' has no rows; without one every outgoing finding is held");
        }

        return rows;
    }

    private List<CustomRecognizerRule> ParseRecognizers(YamlNode node, Dictionary<string, int> ids)
    {
        var rules = new List<CustomRecognizerRule>();
        foreach (var entry in Entries(node, emptyWhenNull: true, "'recognizers' must be a list ('- id: ...')", "a recognizer must be a mapping with id, type, regex and score"))
        {
            var keys = Keys(entry, "a recognizer", RecognizerKeys);
            var id = RequiredId(entry, keys, "recognizer", ids);
            var type = RequiredType(entry, keys, $"recognizer '{id}'");
            var regex = RequiredRegex(entry, keys, $"recognizer '{id}'");
            double? score = null;
            if (!keys.TryGetValue("score", out var s))
            {
                Error(entry, $"recognizer '{id}' has no 'score' (0 to 1)");
            }
            else
            {
                score = Number(s, "score");
            }

            var validator = RuleValidator.None;
            if (keys.TryGetValue("validator", out var vn) && Scalar(vn, "validator") is { } validatorText
                && !RulesVocabulary.TryParseValidator(validatorText, out validator))
            {
                Error(vn, $"unknown validator '{validatorText}' (expected luhn, mod97, aba or none)");
            }

            var context = keys.TryGetValue("context", out var c) ? Strings(c, "context") : [];
            var boost = keys.TryGetValue("context_boost", out var b) ? Number(b, "context_boost") : DefaultContextBoost;
            if (id is not null && type is not null && regex is not null && score is not null && boost is not null)
            {
                rules.Add(new CustomRecognizerRule(id, type.Value, regex, score.Value, validator, context, boost.Value));
            }
        }

        return rules;
    }

    private AllowRules ParseAllow(YamlNode node)
    {
        if (Null(node))
        {
            return AllowRules.Empty;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, "'allow' must be a mapping with phones, addresses, email_domains and exact");
            return AllowRules.Empty;
        }

        var keys = Keys(map, "'allow'", AllowKeys);
        var phones = keys.TryGetValue("phones", out var p) ? Strings(p, "phones") : [];
        foreach (var (value, at) in StringsWithNodes(p))
        {
            if (Checksums.DigitsOf(value).TrimStart('0').Length < 7)
            {
                Error(at, "an allowed phone number needs at least 7 digits");
            }
        }

        var domains = keys.TryGetValue("email_domains", out var d) ? Strings(d, "email_domains") : [];
        foreach (var (value, at) in StringsWithNodes(d))
        {
            var domain = value.Trim().TrimStart('@');
            if (domain.Length == 0 || domain.Contains('@', StringComparison.Ordinal) || domain.Contains(' ', StringComparison.Ordinal) || !domain.Contains('.', StringComparison.Ordinal))
            {
                Error(at, $"'{value}' is not an email domain (write '@shop.example' or 'shop.example')");
            }
        }

        return new AllowRules
        {
            Phones = phones,
            Addresses = keys.TryGetValue("addresses", out var a) ? Strings(a, "addresses") : [],
            EmailDomains = domains,
            Exact = keys.TryGetValue("exact", out var e) ? Strings(e, "exact") : [],
        };
    }

    private List<DenyRule> ParseDeny(YamlNode node, Dictionary<string, int> ids)
    {
        var rules = new List<DenyRule>();
        foreach (var entry in Entries(node, emptyWhenNull: true, "'deny' must be a list ('- id: ...')", "a deny term must be a mapping with id, type and literal or regex"))
        {
            var keys = Keys(entry, "a deny term", DenyKeys);
            var id = RequiredId(entry, keys, "deny term", ids);
            var type = RequiredType(entry, keys, $"deny term '{id}'");
            string? literal = null;
            Regex? regex = null;
            var hasLiteral = keys.TryGetValue("literal", out var l);
            var hasRegex = keys.ContainsKey("regex");
            if (hasLiteral == hasRegex)
            {
                Error(entry, $"deny term '{id}' needs exactly one of 'literal' or 'regex'");
            }
            else if (hasLiteral)
            {
                literal = Scalar(l!, "literal")?.Trim();
                if (string.IsNullOrEmpty(literal))
                {
                    Error(l!, $"deny term '{id}' has an empty 'literal'");
                    literal = null;
                }
            }
            else
            {
                regex = RequiredRegex(entry, keys, $"deny term '{id}'");
            }

            var score = keys.TryGetValue("score", out var s) ? Number(s, "score") : 1.0;
            if (id is not null && type is not null && score is not null && (literal is not null || regex is not null))
            {
                rules.Add(new DenyRule(id, type.Value, literal, regex, score.Value));
            }
        }

        return rules;
    }

    private string? RequiredId(YamlMappingNode entry, Dictionary<string, YamlNode> keys, string what, Dictionary<string, int> ids)
    {
        if (!keys.TryGetValue("id", out var node))
        {
            Error(entry, $"{what} has no 'id'");
            return null;
        }

        var id = Scalar(node, "id")?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            Error(node, $"{what} has an empty 'id'");
            return null;
        }

        if (ids.TryGetValue(id, out var firstLine))
        {
            Error(node, $"duplicate id '{id}' (first used on line {firstLine})");
        }
        else
        {
            ids[id] = Line(node.Start);
        }

        return id;
    }

    private EntityType? RequiredType(YamlMappingNode entry, Dictionary<string, YamlNode> keys, string what)
    {
        if (!keys.TryGetValue("type", out var node))
        {
            Error(entry, $"{what} has no 'type' (an entity type name such as ORDER_ID)");
            return null;
        }

        if (Scalar(node, "type") is not { } name)
        {
            return null;
        }

        if (EntityTypeNames.TryParse(name, out var type))
        {
            return type;
        }

        Error(node, UnknownType(name));
        return null;
    }

    private Regex? RequiredRegex(YamlMappingNode entry, Dictionary<string, YamlNode> keys, string what)
    {
        if (!keys.TryGetValue("regex", out var node))
        {
            Error(entry, $"{what} has no 'regex'");
            return null;
        }

        var pattern = Scalar(node, "regex");
        if (string.IsNullOrEmpty(pattern))
        {
            Error(node, $"{what} has an empty 'regex'");
            return null;
        }

        try
        {
            var regex = RuleRegex.Compile(pattern, ignoreCase: false);
            if (regex.IsMatch(string.Empty))
            {
                Error(node, $"{what}: the regex matches the empty string, so it would find nothing useful");
                return null;
            }

            return regex;
        }
        catch (ArgumentException e)
        {
            Error(node, $"{what}: invalid regex: {e.Message}");
            return null;
        }
    }

    private Dictionary<string, IReadOnlySet<EntityType>> ParseLevels(YamlNode node)
    {
        var result = new Dictionary<string, IReadOnlySet<EntityType>>(StringComparer.Ordinal);
        if (Null(node))
        {
            return result;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, "'verification_levels' must be a mapping of levels to the types they unlock, for example 'email_code: [ADDRESS, PHONE]'");
            return result;
        }

        foreach (var (keyNode, value) in Keys(map, "verification_levels", [.. VerificationLevels.All]))
        {
            var all = StringsWithNodes(value).Any(v => string.Equals(v.Value.Trim(), "ALL", StringComparison.OrdinalIgnoreCase));
            result[keyNode] = all ? new HashSet<EntityType>(Enum.GetValues<EntityType>()) : TypeSet(value, keyNode);
        }

        return result;
    }

    /// <summary>The mappings of a list section; reports a section that is not a list and entries that are not mappings.</summary>
    private List<YamlMappingNode> Entries(YamlNode node, bool emptyWhenNull, string notAList, string notAMapping)
    {
        var entries = new List<YamlMappingNode>();
        if (emptyWhenNull && Null(node))
        {
            return entries;
        }

        if (node is not YamlSequenceNode list)
        {
            Error(node, notAList);
            return entries;
        }

        foreach (var item in list.Children)
        {
            if (item is YamlMappingNode entry)
            {
                entries.Add(entry);
            }
            else
            {
                Error(item, notAMapping);
            }
        }

        return entries;
    }

    private HashSet<EntityType> TypeSet(YamlNode node, string what)
    {
        var set = new HashSet<EntityType>();
        foreach (var (name, at) in StringsWithNodes(node, what))
        {
            if (EntityTypeNames.TryParse(name, out var type))
            {
                set.Add(type);
            }
            else
            {
                Error(at, UnknownType(name));
            }
        }

        return set;
    }

    private List<string> Strings(YamlNode node, string what) => StringsWithNodes(node, what).Select(p => p.Value).ToList();

    /// <summary>The scalars of a list (a single scalar counts as a list of one); null and absent give none.</summary>
    private List<(string Value, YamlNode Node)> StringsWithNodes(YamlNode? node, string? what = null)
    {
        var result = new List<(string, YamlNode)>();
        if (node is null || Null(node))
        {
            return result;
        }

        if (node is YamlScalarNode single)
        {
            result.Add((single.Value ?? string.Empty, single));
            return result;
        }

        if (node is not YamlSequenceNode list)
        {
            if (what is not null)
            {
                Error(node, $"'{what}' must be a list, for example [a, b]");
            }

            return result;
        }

        foreach (var item in list.Children)
        {
            if (item is YamlScalarNode scalar && !Null(scalar))
            {
                result.Add((scalar.Value ?? string.Empty, scalar));
            }
            else if (what is not null)
            {
                Error(item, $"each entry of '{what}' must be a single value");
            }
        }

        return result;
    }

    /// <summary>The mapping's entries by key; reports keys that are not in <paramref name="allowed"/>.</summary>
    private Dictionary<string, YamlNode> Keys(YamlMappingNode map, string what, string[] allowed)
    {
        var keys = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(keyNode, $"keys of {what} must be plain words");
                continue;
            }

            if (Array.IndexOf(allowed, key) < 0)
            {
                Error(keyNode, $"unknown key '{key}' in {what} (expected one of: {string.Join(", ", allowed)})");
                continue;
            }

            keys[key] = value;
        }

        return keys;
    }

    private string? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode scalar)
        {
            return Null(scalar) ? null : scalar.Value;
        }

        Error(node, $"'{what}' must be a single value, not a list or mapping");
        return null;
    }

    private double? Number(YamlNode node, string what)
    {
        if (Scalar(node, what) is not { } text)
        {
            if (node is YamlScalarNode)
            {
                Error(node, $"'{what}' needs a number from 0 to 1");
            }

            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Error(node, $"'{what}' is '{text}', not a number (expected 0 to 1)");
            return null;
        }

        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            Error(node, $"'{what}' is {text}, outside 0..1");
            return null;
        }

        return value;
    }

    private bool? Bool(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Error(node, $"'{what}' is '{text}', expected true or false");
        return null;
    }

    /// <summary>true, false, or any (null).</summary>
    private bool? AnyBool(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        if (text is null || string.Equals(text, "any", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Error(node, $"'{what}' is '{text}', expected true, false or any");
        return null;
    }

    private static bool Null(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string UnknownType(string name) =>
        $"unknown entity type '{name}' (expected one of: {string.Join(", ", EntityTypeNames.All)})";

    private void Error(YamlNode node, string message) =>
        _errors.Add(new RulesError(Line(node.Start), Column(node.Start), message));

    private static int Line(Mark mark) => (int)Math.Max(1, mark.Line);

    private static int Column(Mark mark) => (int)Math.Max(1, mark.Column);

    /// <summary>YamlDotNet's message without the position prefix it repeats, "(Line: 3, Col: 1, Idx: 20) - (...): ".</summary>
    private static string SyntaxMessage(YamlException e)
    {
        var message = e.Message;
        if (message.StartsWith("(Line:", StringComparison.Ordinal))
        {
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[(cut + 3)..];
            }
        }

        return message;
    }
}
