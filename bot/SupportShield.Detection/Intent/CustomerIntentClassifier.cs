using System.Text;
using System.Text.RegularExpressions;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Intent;

/// <summary>
/// Rule-based, deterministic classification of a customer's message. Rules are tried from the strongest intent down
/// (RequestPii, ChangeContact, ProvidePii); the first that fits decides and is named in the result. Questions about the
/// company's own address, number or hours are not requests for data on file.
/// </summary>
public sealed class CustomerIntentClassifier : ICustomerIntentClassifier
{
    private const string My = @"(?:my|mine|me|i|her|his|their|our|my\s+\w+'s)";
    private const string ChangeVerb =
        @"(?:change|changing|changed|update|updating|updated|edit|editing|modify|modifying|correct|correcting|fix|replace|switch|use\s+a\s+(?:new|different)|amend|alter|adjust|reset|resetting|set\s+up|setup|set\s+a\s+new|set\s+my|add|remove|get\s+a\s+new|request\s+a\s+new|receive\s+a\s+different|new)";

    private static readonly (string Field, Regex Regex)[] FieldPatterns =
    [
        ("address", Create(@"\b(?:address(?:es)?|street|shipping\s+(?:details|info(?:rmation)?)|mailing|home\s+address|billing\s+address|postcode|zip(?:\s+code)?)\b")),
        ("phone", Create(@"\b(?:phone(?:\s+number)?|mobile(?:\s+number)?|cell(?:\s+(?:phone|number))?|telephone|contact\s+number|number\s+on\s+file)\b")),
        ("email", Create(@"\b(?:e-?mail(?:\s+address)?|email\s+id|mail\s+address)\b")),
        ("name", Create(@"\b(?:(?:first|last|full|middle|sur|maiden|given|legal)\s*name|name(?:s)?|surname|know\s+me\s+(?:as|by)|known\s+as|call\s+me)\b")),
        ("account", Create(@"\b(?:user\s*name|username|user\s+id|login(?:\s+id)?|account\s+(?:number|id|no|details|info(?:rmation)?)|acct\s+(?:number|details)|personal\s+(?:details|info(?:rmation)?|profile)|my\s+(?:details|information|info|profile)|details|profile|information)\b")),
        ("card", Create(@"\b(?:card\s+(?:number|no|details|digits)|credit\s+card|debit\s+card|card)\b")),
        ("dob", Create(@"\b(?:date\s+of\s+birth|birth\s*date|birthday|dob|d\.o\.b)\b")),
        ("password", Create(@"\b(?:password|passcode|pass\s+code|passwd|pwd|credentials?)\b")),
        ("ssn", Create(@"\b(?:ssn|social\s+security(?:\s+number)?|social)\b")),
        ("pin", Create(@"\bpin(?:\s+(?:code|number))?\b")),
        ("2fa", Create(@"\b(?:2fa|two[\s-]?factor|two[\s-]?step|2[\s-]?step|authenticator|mfa|multi[\s-]?factor)\b")),
    ];

    private static readonly HashSet<string> ChangeFields = ["address", "phone", "email", "name", "password", "pin", "2fa", "account"];

    private static readonly Regex CompanyOwned = Create(
        @"\b(?:your|ur|you\s+guys'?|the\s+(?:store|company|shop|branch|office|bank)'?s?|(?:customer\s+(?:service|support|care)|support|help\s*desk|store|shop|branch|office|head\s+office|company|bank|business|hq))\s+(?:\w+\s+){0,2}?(?:address|phone|number|email|e-mail|name|hours|location|fax)\b");

    private static readonly Regex BotDirected = Create(@"\b(?:your\s+(?:\w+\s+)?(?:name|address|number|email|phone)|(?:call|refer\s+to|use\s+for|talking\s+(?:with|to))\s+you|for\s+you|you\s+as)\b");

    private static readonly Regex CompanyField = Create(
        @"\b(?:address|phone|number|email|e-mail|hours|location)\s+(?:for|of|at)\s+(?:your|the)\s+(?:store|shop|company|customer\s+(?:service|support|care)|support|office|branch|bank|business|head\s+office|help\s*desk)\b");

    private static readonly Regex SelfReference = Create(@"\b(?:my|mine|me|for\s+me|on\s+file|on\s+record|call\s+me|know\s+me|her|his|their)\b");

    private static readonly (string RuleId, Regex Regex, bool NeedsField)[] RequestRules =
    [
        ("intent.request.ends-in", Create(@"\b(?:does|is|did|do)\b\s+(?:my|the|her|his|their)\s+(?:\w+\s+){0,3}?(?:end|ends|ending|start|starts|starting|begin|begins)\s+(?:in|with)\b"), true),
        ("intent.request.what-is-my", Create(@"\b(?:what|which|whats|what's|wat|wut)\b[^.?!]{0,50}?\b(?:" + My + @"|on\s+(?:the|this|that)\s+account|on\s+file|on\s+record|in\s+(?:your|the)\s+(?:system|records)|associated\s+with|registered\s+(?:to|with|on|for)|linked\s+to|you\s+have\s+(?:for|on|saved|listed|stored|registered|down))\b"), true),
        ("intent.request.is-my", Create(@"^\s*(?:is|was|are)\s+(?:my|the|her|his|their)\s+(?:[\w-]+\s+){0,3}?(?:address|phone|number|email|e-mail|name|username|date\s+of\s+birth|dob|birthday|zip|postcode)\b[^.?!]{0,40}\?"), true),
        ("intent.request.how-is-saved", Create(@"\bhow\s+(?:is|are|does|do|did)\b[^.?!]{0,30}\b(?:saved|appear|show|shown|spell|spelled|spelt|listed|written|stored|have|recorded|look)"), true),
        ("intent.request.tell-me", Create(@"\b(?:tell|remind|show|read|give|let)\s+(?:me|us)\b(?:\s+know)?[^.?!]{0,40}?\b(?:my|the|her|his|their|what|which)\b"), true),
        ("intent.request.read-out", Create(@"\b(?:read|say|spell|repeat|recite|list)\s+(?:out\s+|back\s+)?(?:to\s+me\s+)?(?:my|the|her|his)\b"), true),
        ("intent.request.confirm", Create(@"\b(?:confirm|verify|validate|check|double[\s-]?check|look\s+up|lookup|pull\s+up|find)\b[^.?!]{0,25}?\b(?:my|the|her|his|their|what)\b[^.?!]{0,40}?(?:you\s+have|on\s+file|on\s+record|on\s+(?:my|the|her|his)\s+account|saved|listed|registered|following|is\s+correct|is\s+right|for\s+me)"), true),
        ("intent.request.confirm-my", Create(@"\b(?:confirm|validate|verify)\s+(?:my|her|his|their)\b"), true),
        ("intent.request.do-you-know", Create(@"\b(?:do|did|can|could)\s+you\s+(?:know|have|remember|recall|see|show|got|find)\b[^.?!]{0,40}?\b(?:my|me|her|his|their)\b"), true),
        ("intent.request.forgot-identifier", Create(@"\b(?:forgot|forgotten|forget|(?:can't|cant|cannot|can\s+not|don't|dont|do\s+not|couldn't)\s+(?:remember|recall|find|think\s+of))\b[^.?!]{0,20}?\b(?:my|the|her|his|which|what)\s+(?:\w+\s+)?(?:user\s*name|username|user\s+id|login\s+id|email|e-mail|account\s+(?:number|id)|phone\s+number)\b"), false),
        ("intent.request.name-for-me", Create(@"\b(?:name|names)\b[^.?!]{0,20}\b(?:for\s+me|you\s+(?:have|use|call|know)|saved|on\s+file|you\s+wrote)\b|\b(?:what|how)\b[^.?!]{0,20}\b(?:call\s+me|know\s+me|known\s+as|me\s+as|me\s+by)\b|\bwhat\s+name\s+is\s+mine\b|\bwhat\s+(?:do\s+you\s+know|am\s+i\s+known)\b"), false),
        ("intent.request.on-file", Create(@"\bwhat\s+(?:do\s+you\s+have|is|'s|have\s+you\s+got)\s+(?:on\s+file|on\s+record|saved|listed|stored)\b"), false),
    ];

    private static readonly (string RuleId, Regex Regex, string? Field)[] ChangeRules =
    [
        ("intent.change.recovery", Create(@"\b(?:forgot|forgotten|forget|(?:can't|cant|cannot|can\s+not|don't|dont|do\s+not)\s+remember|lost|recover|recovering|reset|resetting)\b[^.?!]{0,30}?\b(?:password|passcode|pass\s+code|pin|login|log-?in|credentials)\b"), "password"),
        ("intent.change.recovery", Create(@"\b(?:get|getting|got)\s+back\s+(?:into|in\s+(?:my|the|to\s+my))\b|\b(?:password|passcode|pin)\b[^.?!]{0,40}\b(?:reset|recover|forgot|forgotten)\b|\blocked\s+out\b|\b(?:regain|recover)\s+(?:access|my\s+account)\b|\b(?:can't|cant|cannot|can\s+not|unable\s+to|couldn't|could\s+not|won't\s+let\s+me|not\s+able\s+to)\s+(?:get\s+in(?:to)?|access|log\s*in(?:to)?\s+(?:my|the)\s+account|sign\s*in(?:to)?\s+(?:my|the)\s+account|login\s+to\s+my\s+account)\b[^.?!]{0,15}?\b(?:account|acct|it|profile)\b"), "account"),
        ("intent.change.moved", Create(@"\b(?:i|we)(?:'ve|\s+have|\s+just|\s+recently)?\s+(?:just\s+|recently\s+)?(?:moved|relocated)\b|\bmoving\s+(?:house|to\s+a\s+new)|\bdue\s+to\s+a\s+move\b|\bnew\s+address\b"), "address"),
        ("intent.change.has-changed", Create(@"\b(?:address|name|email|e-mail|phone(?:\s+number)?|number|details|information|info)\s+(?:(?:has|have|had)\s+(?:been\s+)?changed|changed|is\s+changing|is\s+different\s+now)|\b(?:address|name|email|e-mail|phone(?:\s+number)?|details|information)\s+(?:needs?|need)\s+(?:to\s+be\s+)?(?:changed|updated|corrected|fixed)|\b(?:address|name|email|e-mail|phone(?:\s+number)?)\s+(?:is|are)\s+(?:wrong|incorrect|outdated|out\s+of\s+date|not\s+correct|misspelled|spelled\s+wrong)|\b(?:name|address)\s+appears\s+incorrectly|\b(?:address|name|email|e-mail|phone(?:\s+number)?)\b[^.?!]{0,25}\b(?:is|are)\s+(?:not\s+correct|not\s+right|wrong|incorrect|outdated|misspelled)"), null),
        ("intent.change.verb-field", Create(@"\b" + ChangeVerb + @"\b"), null),
        ("intent.change.2fa", Create(@"\b(?:turn\s+(?:off|on)|disable|enable|set\s+up|activate|deactivate|lost)\b[^.?!]{0,25}\b(?:2fa|two[\s-]?factor|two[\s-]?step|2[\s-]?step|authenticator)\b"), "2fa"),
    ];

    private static readonly Regex Redirect = Create(
        @"\b(?:send|sent|ship|shipped|deliver|delivered|mail|mailed|forward|forwarded|redirect|redirected|post)\b[^.?!]{0,60}?\bto\b\s*");

    private static readonly Regex RedirectPhrase = Create(
        @"\b(?:send|sent|ship|deliver|mail|forward|redirect|post)\b[^.?!]{0,40}?\bto\s+(?:a|my|this|that|another|a\s+different|an?\s+other|the\s+following|my\s+new|a\s+new)\s+(?:new\s+|different\s+|other\s+|work\s+|personal\s+|business\s+|office\s+|alternate\s+|alternative\s+|second\s+|updated\s+)?(?:address|email|e-mail|location|house|home)\b(?:(?<=\b(?:a|this|that|another|different|other|following|new|work|personal|business|office|alternate|alternative|second|updated)\s+\w+)|[^.?!]*\binstead\b)");

    private static readonly (string RuleId, Regex Regex)[] ProvideRules =
    [
        ("intent.provide.my-x-is", Create(@"\b(?:my|his|her)\s+(?:[\w']+\s+){0,2}?(?:name|user\s*name|email|e-mail|phone(?:\s+number)?|number|address|zip(?:\s+code)?|postcode|dob|date\s+of\s+birth|birthday|account\s+(?:number|id)|order\s+(?:number|id)|ssn|social\s+security\s+number|iban|licen[cs]e(?:\s+number)?|passport(?:\s+number)?|pin|password)\s*(?:is(?!n't)|:|=)\s*\S")),
        ("intent.provide.here-is", Create(@"\b(?:here's|here\s+is|here\s+are|this\s+is)\s+(?:my|the)\b")),
        ("intent.provide.label-value", Create(@"^\s*(?:user\s*name|user\s+id|order\s+(?:id|number|no)|account\s+(?:id|number|no)|account|order|email|e-mail|phone|zip(?:\s+code)?|postcode|name|dob|iban)\s*(?::|is|#)\s*\S")),
        ("intent.provide.introduce", Create(@"\bthis\s+is\s+(?:mr|mrs|ms|miss|dr)\b|\b(?:people|everyone|they|friends)\s+call(?:s)?\s+me\b|\bi\s+am\s+(?:mr|mrs|ms|dr)\b|\bunder\s+(?:my\s+\w+'s\s+name|the\s+name)\b|\bit's\s+under\b")),
    ];

    /// <summary>Volunteered identifiers (IBAN, account or order ids) and named people being added or removed, on the original casing.</summary>
    private static readonly (string RuleId, Regex Regex)[] CasedProvideRules =
    [
        ("intent.provide.identifier", new Regex(@"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{8,34}\b", RegexDefaults.Options, RegexDefaults.Timeout)),
        ("intent.provide.named-person", new Regex(@"\b(?:add|remove|adding|removing)\s+(?:my\s+\w+\s+)?\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{L}+)?\s+(?:as|from)\b", RegexDefaults.Options, RegexDefaults.Timeout)),
    ];

    private static readonly Regex BareValue = new(
        @"^\s*(?:(?=[A-Za-z0-9._-]*\d)(?=[A-Za-z0-9._-]*[A-Za-z])[A-Za-z0-9._-]{5,30}|\p{Lu}{8,12}|\+?\d[\d\s().-]{3,20}|\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.?)?(?:\s+\p{Lu}\p{Ll}+){1,2})\s*$",
        RegexDefaults.Options,
        RegexDefaults.Timeout);

    private static readonly HashSet<string> CommonWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "thank", "thanks", "you", "hello", "hi", "hey", "good", "morning", "afternoon", "evening", "great", "yes", "no", "okay", "ok", "sure",
        "in", "transit", "gold", "silver", "bronze", "guest", "member", "membership", "sounds", "perfect", "awesome", "cool", "please", "have",
        "nice", "day", "bye", "goodbye", "alright", "not", "yet", "that", "this", "is", "all", "it", "the", "my", "order", "account", "premium",
        "delivered", "shipped", "pending", "returned", "cancelled", "canceled", "of", "course", "no", "problem", "got", "will", "do",
    };

    private static readonly Dictionary<string, string> Typos = new(StringComparer.Ordinal)
    {
        ["adress"] = "address", ["addres"] = "address", ["adresss"] = "address", ["addresss"] = "address", ["adddress"] = "address",
        ["emial"] = "email", ["emai"] = "email", ["eamil"] = "email", ["emal"] = "email", ["mail-id"] = "email",
        ["pasword"] = "password", ["passowrd"] = "password", ["passwrod"] = "password", ["pword"] = "password", ["paswd"] = "password",
        ["phne"] = "phone", ["phon"] = "phone", ["fone"] = "phone", ["nmber"] = "number", ["numbr"] = "number", ["nuber"] = "number",
        ["chnage"] = "change", ["chang"] = "change", ["cahnge"] = "change", ["updte"] = "update", ["upate"] = "update", ["udpate"] = "update",
        ["acct"] = "account", ["acc"] = "account", ["accnt"] = "account", ["acount"] = "account", ["accout"] = "account",
        ["deatails"] = "details", ["detials"] = "details", ["detail"] = "details", ["nam"] = "name", ["usename"] = "username",
        ["birthdate"] = "birth date", ["whats"] = "what's", ["wats"] = "what's", ["ur"] = "your", ["u"] = "you", ["pls"] = "please", ["plz"] = "please",
        ["forgt"] = "forgot", ["fogot"] = "forgot", ["forgoten"] = "forgotten", ["remeber"] = "remember", ["rember"] = "remember",
    };

    private static readonly Regex WordToken = new(@"[\p{L}\p{N}'-]+", RegexDefaults.Options, RegexDefaults.Timeout);

    private readonly IPiiDetector _detector;

    /// <summary>A classifier that uses the default <see cref="PiiDetector"/> to notice volunteered data.</summary>
    public CustomerIntentClassifier()
        : this(new PiiDetector())
    {
    }

    /// <summary>A classifier that uses <paramref name="detector"/> to notice volunteered data.</summary>
    public CustomerIntentClassifier(IPiiDetector detector)
    {
        _detector = detector ?? throw new ArgumentNullException(nameof(detector));
    }

    /// <inheritdoc />
    public IntentResult Classify(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return IntentResult.None;
        }

        var original = text.Length > 4000 ? text[..4000] : text;
        var normal = Normalize(original);
        var fields = Fields(normal);
        var findings = _detector.Detect(original);

        return Sentences(normal).Select(sentence => Request(sentence, Fields(sentence))).FirstOrDefault(r => r is not null)
            ?? Request(normal, fields)
            ?? Change(normal, fields, original, findings)
            ?? Provide(original, normal, fields, findings)
            ?? IntentResult.None;
    }

    /// <summary>Splits at sentence ends so that a change verb in one sentence does not hide a request in another.</summary>
    private static IEnumerable<string> Sentences(string t) =>
        Regex.Split(t, @"(?<=[.?!])\s+", RegexOptions.None, RegexDefaults.Timeout).Where(s => s.Trim().Length > 0);

    private static IntentResult? Request(string t, List<string> fields)
    {
        var company = ((CompanyOwned.IsMatch(t) || BotDirected.IsMatch(t)) && !SelfReference.IsMatch(t)) || CompanyField.IsMatch(t);
        if (company)
        {
            return null;
        }

        var hasChangeVerb = Regex.IsMatch(t, @"\b" + ChangeVerb + @"\b|\b(?:forgot|forgotten|reset|recover)\b[^.?!]{0,30}(?:password|passcode|pin)", RegexOptions.None, RegexDefaults.Timeout);
        var requestFields = fields.Where(f => f != "card" || Regex.IsMatch(t, @"card\s+(?:number|no|digits)|(?:number|digits)\s+(?:on|of)\s+(?:my|the)\s+card", RegexOptions.None, RegexDefaults.Timeout)).ToList();
        foreach (var (ruleId, regex, needsField) in RequestRules)
        {
            if (needsField && (requestFields.Count == 0 || hasChangeVerb))
            {
                continue;
            }

            var match = regex.Match(t);
            if (match.Success)
            {
                var asked = requestFields.Count > 0 ? requestFields : ["name"];
                if (ruleId == "intent.request.forgot-identifier")
                {
                    asked = requestFields.Count > 0 ? requestFields : ["account"];
                }

                return new IntentResult(CustomerIntent.RequestPii, asked, ruleId, $"asks to reveal or confirm data on file ({string.Join(", ", asked)})");
            }
        }

        return null;
    }

    private static IntentResult? Change(string t, List<string> fields, string original, IReadOnlyList<Finding> findings)
    {
        var changeable = fields.Where(ChangeFields.Contains).ToList();
        if (BotDirected.IsMatch(t) && !SelfReference.IsMatch(t))
        {
            return null;
        }

        foreach (var (ruleId, regex, field) in ChangeRules)
        {
            if (!regex.IsMatch(t))
            {
                continue;
            }

            if (field is null && changeable.Count == 0)
            {
                continue;
            }

            if (ruleId == "intent.change.verb-field" && !VerbGovernsField(t) && !Regex.IsMatch(t, @"\b(?:change|correct|update|fix)\s+it\s+to\b", RegexOptions.None, RegexDefaults.Timeout))
            {
                continue;
            }

            var changed = field is null ? changeable : changeable.Contains(field) ? changeable : [field, .. changeable];
            return new IntentResult(CustomerIntent.ChangeContact, changed, ruleId, $"asks to change contact or credential details ({string.Join(", ", changed)})");
        }

        if (RedirectPhrase.IsMatch(t))
        {
            var target = fields.Contains("email") ? "email" : "address";
            return new IntentResult(CustomerIntent.ChangeContact, [target], "intent.change.redirect", $"asks to send or ship to another {target}");
        }

        foreach (Match m in Redirect.Matches(original.ToLowerInvariant()))
        {
            var after = m.Index + m.Length;
            var target = findings.FirstOrDefault(f => f.Type is EntityType.Address or EntityType.Email && f.Start >= after - 1 && f.Start <= after + 25);
            if (target is not null)
            {
                var field = target.Type == EntityType.Email ? "email" : "address";
                return new IntentResult(CustomerIntent.ChangeContact, [field], "intent.change.redirect", $"asks to send or ship to a given {field}");
            }
        }

        return null;
    }

    /// <summary>True when a change verb has a changeable field within a few words after it (or before it, "my pin needs changing").</summary>
    private static bool VerbGovernsField(string t) =>
        Regex.IsMatch(
            t,
            @"\b" + ChangeVerb + @"\b(?:\s+(?:\w+'?\w*)){0,6}?\s+(?:address(?:es)?|phone|mobile|number|e-?mail|name|last\s+name|password|passcode|pin|2fa|two[\s-]?factor|details|information|info|profile|contact|username|user\s+name|billing\s+address|shipping)\b",
            RegexOptions.None,
            RegexDefaults.Timeout)
        && !Regex.IsMatch(t, @"\b(?:change|update|edit|modify)\s+(?:my|the)\s+(?:order|delivery\s+date|plan|subscription|limit|card\s+limit|billing\s+date)\b(?![^.?!]*\b(?:address|email|phone|name|pin|password)\b)", RegexOptions.None, RegexDefaults.Timeout);

    private static IntentResult? Provide(string original, string t, List<string> fields, IReadOnlyList<Finding> findings)
    {
        var data = findings.Where(f => f.Type != EntityType.Url).ToList();
        if (data.Count > 0)
        {
            var types = data.Select(f => f.Type.ToCanonicalName()).Distinct().ToList();
            return new IntentResult(CustomerIntent.ProvidePii, FieldsOf(data), "intent.provide.detected", $"volunteers data ({string.Join(", ", types)})");
        }

        foreach (var (ruleId, regex) in ProvideRules)
        {
            if (regex.IsMatch(t))
            {
                return new IntentResult(CustomerIntent.ProvidePii, fields, ruleId, "volunteers personal data");
            }
        }

        foreach (var (ruleId, regex) in CasedProvideRules)
        {
            if (regex.IsMatch(original))
            {
                return new IntentResult(CustomerIntent.ProvidePii, fields, ruleId, "volunteers personal data");
            }
        }

        var bare = BareValue.Match(original);
        if (bare.Success && !WordToken.Matches(original).Any(w => CommonWords.Contains(w.Value)))
        {
            return new IntentResult(CustomerIntent.ProvidePii, fields, "intent.provide.bare-value", "a bare value such as a name, id or number");
        }

        return null;
    }

    private static List<string> FieldsOf(IEnumerable<Finding> findings) =>
        findings.Select(f => f.Type switch
        {
            EntityType.Email => "email",
            EntityType.Phone => "phone",
            EntityType.Address or EntityType.Zip => "address",
            EntityType.CreditCard or EntityType.CardLast4 => "card",
            EntityType.Ssn => "ssn",
            EntityType.DateOfBirth => "dob",
            EntityType.PasswordOrSecret => "password",
            EntityType.Person => "name",
            _ => "account",
        }).Distinct().ToList();

    private static List<string> Fields(string t)
    {
        var fields = new List<string>();
        foreach (var (field, regex) in FieldPatterns)
        {
            if (regex.IsMatch(t))
            {
                fields.Add(field);
            }
        }

        // "number" alone is a phone number only when nothing else claims it.
        if (fields.Count == 0 && Regex.IsMatch(t, @"\bnumber\b", RegexOptions.None, RegexDefaults.Timeout))
        {
            fields.Add("phone");
        }

        return fields;
    }

    private static string Normalize(string text)
    {
        var lower = text.ToLowerInvariant().Replace('’', '\'').Replace('‘', '\'');
        var builder = new StringBuilder(lower.Length);
        var last = 0;
        foreach (Match m in WordToken.Matches(lower))
        {
            builder.Append(lower, last, m.Index - last);
            builder.Append(Typos.TryGetValue(m.Value, out var fixedWord) ? fixedWord : m.Value);
            last = m.Index + m.Length;
        }

        builder.Append(lower, last, lower.Length - last);
        return Regex.Replace(builder.ToString(), @"\s+", " ", RegexOptions.None, RegexDefaults.Timeout);
    }

    private static Regex Create(string pattern) => RegexDefaults.Create(pattern, ignoreCase: true);
}
