using System.Buffers;
using System.Collections.Frozen;
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
    private const int MaxLength = 4000;
    private const string My = @"(?:my|mine|me|i|her|his|their|our|my\s+\w+'s)";
    private const string ChangeVerb =
        @"(?:change|changing|changed|update|updating|updated|edit|editing|modify|modifying|correct|correcting|fix|replace|switch|use\s+a\s+(?:new|different)|amend|alter|adjust|reset|resetting|set\s+up|setup|set\s+a\s+new|set\s+my|add|remove|get\s+a\s+new|request\s+a\s+new|receive\s+a\s+different|new|swap|swapping)";

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
        ("payout", Create(@"\b(?:payouts?|pay-outs?|direct\s+deposit|bank\s+(?:account|details|info(?:rmation)?)|banking\s+(?:details|info(?:rmation)?)|iban|routing\s+number|sort\s+code|deposit\s+account)\b")),
    ];

    private static readonly HashSet<string> ChangeFields = ["address", "phone", "email", "name", "password", "pin", "2fa", "account", "payout"];

    private static readonly Regex CompanyOwned = Create(
        @"\b(?:your|ur|you\s+guys'?|the\s+(?:store|company|shop|branch|office|bank)'?s?|(?:customer\s+(?:service|support|care)|support|help\s*desk|store|shop|branch|office|head\s+office|company|bank|business|hq))\s+(?:\w+\s+){0,2}?(?:address|phone|number|email|e-mail|name|hours|location|fax)\b");

    private static readonly Regex BotDirected = Create(@"\b(?:your\s+(?:\w+\s+)?(?:name|address|number|email|phone)|(?:call|refer\s+to|use\s+for|talking\s+(?:with|to))\s+you|for\s+you|you\s+as)\b");

    private static readonly Regex CompanyField = Create(
        @"\b(?:address|phone|number|email|e-mail|hours|location)\s+(?:for|of|at)\s+(?:your|the)\s+(?:store|shop|company|customer\s+(?:service|support|care)|support|office|branch|bank|business|head\s+office|help\s*desk)\b");

    private static readonly Regex ContactCompany = Create(
        @"\b(?:should|do|can|could|would)\s+i\s+(?:use\s+)?(?:to\s+)?(?:contact|reach|call|email|e-mail|write|send|mail|text|ring|return|post|ship|drop\s+off|bring)\b|\b(?:contact|reach|call|email|write\s+to|message)\s+(?:your|you\s+guys|the\s+(?:company|store|shop|support|team|legal|billing|returns))\b");

    private static readonly Regex SelfReference = Create(@"\b(?:my|mine|me|for\s+me|on\s+file|on\s+record|call\s+me|know\s+me|her|his|their)\b");

    private static readonly (string RuleId, Regex Regex, bool NeedsField)[] RequestRules =
    [
        ("intent.request.ends-in", Create(@"\b(?:does|is|did|do)\b\s+(?:my|the|her|his|their)\s+(?:\w+\s+){0,3}?(?:end|ends|ending|start|starts|starting|begin|begins)\s+(?:in|with)\b"), true),
        ("intent.request.what-is-my", Create(@"\b(?:what|which|whats|what's|wat|wut)\b[^.?!]{0,50}?\b(?:" + My + @"|on\s+(?:the|this|that)\s+account|on\s+file|on\s+record|in\s+(?:your|the)\s+(?:system|records)|associated\s+with|registered\s+(?:to|with|on|for)|linked\s+to|you\s+have\s+(?:for|on|saved|listed|stored|registered|down))\b|\b(?:what|which|whats|what's)\b[^.?!]{0,40}?\byou(?:\s+guys|\s+all|\s+folks)?\s+(?:have|got|see)\s*(?:\?|$)"), true),
        ("intent.request.is-my", Create(@"^\s*(?:is|was|are)\s+(?:my|the|her|his|their)\s+(?:[\w-]+\s+){0,3}?(?:address|phone|number|email|e-mail|name|username|date\s+of\s+birth|dob|birthday|zip|postcode)\b[^.?!]{0,40}\?"), true),
        ("intent.request.how-is-saved", Create(@"\bhow\s+(?:is|are|does|do|did)\b[^.?!]{0,30}\b(?:saved|appear|show|shown|spell|spelled|spelt|listed|written|stored|have|recorded|look)"), true),
        ("intent.request.tell-me", Create(@"\b(?:tell|remind|show|read|give|let)\s+(?:me|us)\b(?:\s+know)?[^.?!]{0,40}?\b(?:my|the|her|his|their|what|which)\b"), true),
        ("intent.request.read-out", Create(@"\b(?:read|say|spell|repeat|recite|list)\s+(?:out\s+|back\s+)?(?:to\s+me\s+|me\s+|us\s+)?(?:my|the|her|his)\b"), true),
        ("intent.request.confirm", Create(@"\b(?:confirm|verify|validate|check|double[\s-]?check|look\s+up|lookup|pull\s+up|find)\b[^.?!]{0,25}?\b(?:my|the|her|his|their|what)\b[^.?!]{0,40}?(?:you\s+have|on\s+file|on\s+record|on\s+(?:my|the|her|his|their|this|that)\s+(?:\w+'s\s+)?(?:account|profile|file|record)|saved|listed|registered|following|is\s+correct|is\s+right|for\s+me)"), true),
        ("intent.request.confirm-my", Create(@"\b(?:confirm|validate|verify)\s+(?:my|her|his|their)\b"), true),
        ("intent.request.do-you-know", Create(@"\b(?:do|did|can|could)\s+you\s+(?:know|have|remember|recall|see|show|got|find)\b[^.?!]{0,40}?\b(?:my|me|her|his|their)\b"), true),
        ("intent.request.forgot-identifier", Create(@"\b(?:forgot|forgotten|forget|(?:can't|cant|cannot|can\s+not|don't|dont|do\s+not|couldn't)\s+(?:remember|recall|find|think\s+of))\b[^.?!]{0,20}?\b(?:my|the|her|his|which|what)\s+(?:\w+\s+)?(?:user\s*name|username|user\s+id|login\s+id|email|e-mail|account\s+(?:number|id)|phone\s+number)\b"), false),
        ("intent.request.name-for-me", Create(@"\b(?:name|names)\b[^.?!]{0,20}\b(?:for\s+me|you\s+(?:have|use|call|know)|saved|on\s+file|you\s+wrote)\b|\b(?:what|how)\b[^.?!]{0,20}\b(?:call\s+me|know\s+me|known\s+as|me\s+as|me\s+by)\b|\bwhat\s+name\s+is\s+mine\b|\bwhat\s+(?:do\s+you\s+know|am\s+i\s+known)\b"), false),
        ("intent.request.account-holder", Create(@"\b(?:what|which|whose)\s+name\s+(?:is|'s)\s+(?:the|this|that|my|her|his)\s+(?:account|acct|order|booking|subscription|policy)\s+(?:under|in|registered|listed)\b|\bwho\s+(?:is|'s)\s+(?:the|this|that)\s+(?:account|acct|card)\s+(?:registered|under|in\s+the\s+name|listed|belonging|for)\b|\bwho\s+(?:owns|holds)\s+(?:the|this|that)\s+(?:account|acct)\b|\bwho(?:'s|\s+is)\s+(?:the\s+)?(?:account|acct|card)\s*(?:holder|owner)\b|\bwhose\s+(?:account|name)\s+is\s+(?:this|that|it)\b"), false),
        ("intent.request.need-field", Create(@"\b(?:(?:i|we)\s*(?:really\s+|urgently\s+|just\s+)?(?:need|want|require|would\s+like|'d\s+like|must\s+have|have\s+to\s+(?:get|know))|(?:provide|give|send|share|disclose|release|forward|pass)(?:\s+(?:me|us))?)\s+(?:to\s+(?:know|get|see|have|obtain|verify|confirm|check)\s+)?(?:the|his|her|their|this\s+\w+'s|the\s+\w+'s|my\s+\w+'s)\s+(?:[\w-]+\s+){0,3}?(?:address(?:es)?|phone|number|mobile|e-?mail|name|username|date\s+of\s+birth|dob|birthday|card\s+number|postcode|zip)\b[^.?!]{0,40}?\b(?:on|from|for|in|linked|attached|associated|registered|under|of)\b[^.?!]{0,25}?\b(?:account|acct|file|record|records|profile|system|customer|client|user|member|holder|person|order|her|him|them)\b"), true),
        ("intent.request.who-used", Create(@"\b(?:what|which)\s+(?:[\w-]+\s+){0,2}?(?:address|phone|number|e-?mail|name|username)\s+(?:did\s+|does\s+|do\s+)?(?:he|she|they|i|we)\s+(?:use|used|sign|signed|register|registered|put|give|gave|enter|entered|provide|provided|set\s+up)\b"), true),
        ("intent.request.which-saved", Create(@"\b(?:what|which)\s+(?:[\w-]+\s+){0,2}?(?:address(?:es)?|phone|number|e-?mail|name|username|card|postcode|zip)\b[^.?!]{0,25}?\b(?:is|are|was|'s)\s+(?:saved|stored|listed|registered|recorded|on\s+file|on\s+record|set|used|the\s+default|default|in\s+(?:the|your)\s+system)\b|\bwhich\s+of\s+my\s+(?:[\w-]+\s+)?(?:address(?:es)?|numbers|phones|e-?mails|cards)\b"), true),
        ("intent.request.field-on-account", Create(@"^\W*(?:so\s+|and\s+|just\s+to\s+(?:be\s+sure|confirm|check),?\s+)?(?:is|was|are|which|what|who|whose|does|do)\b[^.?!]*?\b(?:address|phone|number|e-?mail|name|username|card|birthday|postcode|zip)\b[^.?!]{0,20}?\b(?:on|in|for|linked\s+to|attached\s+to|associated\s+with|registered\s+(?:to|on|with)|under)\s+(?:the|my|this|her|his|their|that)\s+(?:account|acct|profile|file|record)"), true),
        ("intent.request.account-has", Create(@"\b(?:does|do|did|is)\s+(?:my|the|this|her|his)\s+(?:account|acct|profile|file|record)\s+(?:still\s+)?(?:have|has|show|list|say|contain|use)\b"), true),
        ("intent.request.look-up", Create(@"\b(?:look\s+up|lookup|pull\s+up|find|check|get)\s+(?:me\s+)?(?:the|my|her|his|their)\s+(?:[\w-]+\s+){0,2}?(?:address|phone|number|e-?mail|name|username|date\s+of\s+birth|card\s+number)\b[^.?!]{0,15}?\b(?:for|on|of|from)\s+(?:order|account|acct|customer|user|the\s+(?:order|account|customer)|this\s+(?:order|account|customer)|him|her|them|my\s+(?:mom|mother|dad|father|wife|husband|son|daughter|brother|sister|partner))\b"), true),
        ("intent.request.where-sent", Create(@"\b(?:what|which)\s+(?:[\w-]+\s+)?(?:address|number|phone|e-?mail)\s+(?:is|was|will)\s+(?:it|this|that|the\s+(?:order|package|parcel|delivery|refund|code|card))\s+(?:be\s+)?(?:going|sent|being\s+sent|shipped|delivered|addressed|registered)\b|\b(?:what|which)\s+(?:[\w-]+\s+)?(?:number|phone|e-?mail|address)\s+(?:will|would|did|do|does)\s+you\s+(?:text|send|call|email|e-mail|mail|ship|deliver|use)\b"), true),
        ("intent.request.on-file", Create(@"\bwhat\s+(?:do\s+you\s+have|is|'s|have\s+you\s+got)\s+(?:on\s+file|on\s+record|saved|listed|stored)\b"), false),
    ];

    private static readonly (string RuleId, Regex Regex, string? Field)[] ChangeRules =
    [
        ("intent.change.recovery", Create(@"\b(?:forgot|forgotten|forget|(?:can't|cant|cannot|can\s+not|don't|dont|do\s+not)\s+remember|lost|recover|recovering|reset|resetting)\b[^.?!]{0,30}?\b(?:password|passcode|pass\s+code|pin|login|log-?in|credentials)\b"), "password"),
        ("intent.change.recovery", Create(@"\b(?:get|getting|got)\s+back\s+(?:into|in\s+(?:my|the|to\s+my))\b|\b(?:password|passcode|pin)\b[^.?!]{0,40}\b(?:reset|recover|forgot|forgotten)\b|\blocked\s+out\b|\b(?:regain|recover)\s+(?:access|my\s+account)\b|\b(?:can't|cant|cannot|can\s+not|unable\s+to|couldn't|could\s+not|won't\s+let\s+me|not\s+able\s+to)\s+(?:get\s+in(?:to)?|access|log\s*in(?:to)?\s+(?:my|the)\s+account|sign\s*in(?:to)?\s+(?:my|the)\s+account|login\s+to\s+my\s+account)\b[^.?!]{0,15}?\b(?:account|acct|it|profile)\b"), "account"),
        ("intent.change.moved", Create(@"\b(?:i|we)(?:'ve|\s+have|\s+just|\s+recently)?\s+(?:just\s+|recently\s+)?(?:moved|relocated)\b|\bmoving\s+(?:house|to\s+a\s+new)|\bdue\s+to\s+a\s+move\b|\bnew\s+address\b"), "address"),
        ("intent.change.has-changed", Create(@"\b(?:address|name|email|e-mail|phone(?:\s+number)?|number|details|information|info)\s+(?:(?:has|have|had)\s+(?:been\s+)?changed|changed|is\s+changing|is\s+different\s+now)|\b(?:address|name|email|e-mail|phone(?:\s+number)?|details|information)\s+(?:needs?|need)\s+(?:to\s+be\s+)?(?:changed|updated|corrected|fixed)|\b(?:address|name|email|e-mail|phone(?:\s+number)?)\s+(?:is|are)\s+(?:wrong|incorrect|outdated|out\s+of\s+date|not\s+correct|misspelled|spelled\s+wrong)|\b(?:name|address)\s+appears\s+incorrectly|\b(?:e-?mail|phone|account|number)\s+(?:got|was|has\s+been|have\s+been|is)\s+(?:hacked|compromised|stolen)|\b(?:address|name|email|e-mail|phone(?:\s+number)?)\b[^.?!]{0,25}\b(?:is|are)\s+(?:not\s+correct|not\s+right|wrong|incorrect|outdated|misspelled)"), null),
        ("intent.change.verb-field", Create(@"\b" + ChangeVerb + @"\b"), null),
        ("intent.change.payout", Create(@"\b(?:change|changing|update|updating|switch|switching|replace|replacing|edit|modify|move|moving|redirect|new|different|another)\b[^.?!]{0,30}?\b(?:payouts?|pay-outs?|direct\s+deposit|bank\s+(?:account|details|info(?:rmation)?)|banking\s+(?:details|info(?:rmation)?)|iban|routing\s+number|sort\s+code|deposit\s+account|where\s+(?:my\s+)?(?:money|refunds?|payments?|payouts?|earnings|salary|wages)\s+(?:go|goes|gets?\s+(?:paid|sent|deposited)|get|gets|(?:are|is)\s+(?:paid|sent|deposited|transferred|going)|land|lands))\b|\b(?:payouts?|earnings|refunds?)\b[^.?!]{0,25}\bto\s+(?:a|my|another)\s+(?:new|different|other)\s+(?:bank|account|card)"), "payout"),
        ("intent.change.lost-access", Create(@"\b(?:don't|do\s+not|no\s+longer|never)\s+have\s+access\s+to\s+(?:my|the|that)\s+(?:old\s+)?(?:e-?mail|phone|number|inbox|mailbox|email\s+account)\b|\b(?:lost|changed|replaced|got\s+a\s+new)\s+(?:my\s+|the\s+|a\s+)?(?:old\s+)?(?:phone|mobile|sim)\b[^.?!]{0,50}\b(?:codes?|2fa|verification|authenticator|log\s*in|sign\s*in|access)\b"), "account"),
        ("intent.change.redirect-go", Create(@"\b(?:go|goes|going|be\s+sent|get\s+sent|sent|delivered|arrive|forwarded|come)\s+to\s+(?:a|my|another|the)\s+(?:new|different|other|work|personal|second|alternate|updated)\s+(?:e-?mail|address|phone|number|inbox)\b"), null),
        ("intent.change.redirect-standing", Create(@"\b(?:send|sent|ship|shipped|deliver|delivered|mail|mailed|forward|go|goes)\b[^.?!]{0,30}?\bto\s+(?:my|a|the|our)\s+(?:new\s+)?(?:office|work|workplace|place|parents'?|mom's|dad's|friend's|neighbou?r'?s?|son's|daughter's|partner's|po\s+box)\b[^.?!]{0,30}?\b(?:from\s+now\s+on|instead|going\s+forward|in\s+(?:the\s+)?future|permanently|every\s+time|always)\b"), "address"),
        ("intent.change.2fa", Create(@"\b(?:turn\s+(?:off|on)|disable|enable|set\s+up|activate|deactivate|lost|move|moving|transfer|reset|remove)\b[^.?!]{0,25}\b(?:2fa|two[\s-]?factor|two[\s-]?step|2[\s-]?step|authenticator)\b"), "2fa"),
    ];

    private static readonly Regex Redirect = Create(
        @"\b(?:send|sent|ship|shipped|deliver|delivered|mail|mailed|forward|forwarded|redirect|redirected|post)\b[^.?!]{0,60}?\bto\b\s*");

    private static readonly Regex RedirectPhrase = Create(
        @"\b(?:send|sent|ship|deliver|mail|forward|redirect|post)\b[^.?!]{0,40}?\bto\s+(?:a|my|this|that|another|a\s+different|an?\s+other|the\s+following|my\s+new|a\s+new)\s+(?:new\s+|different\s+|other\s+|work\s+|personal\s+|business\s+|office\s+|alternate\s+|alternative\s+|second\s+|updated\s+)?(?:address|email|e-mail|location|house|home)\b(?:(?<=\b(?:a|this|that|another|different|other|following|new|work|personal|business|office|alternate|alternative|second|updated)\s+\w+)|[^.?!]*\binstead\b)");

    private static readonly (string RuleId, Regex Regex)[] ProvideRules =
    [
        ("intent.provide.my-x-is", Create(@"\b(?:my|his|her|the)\s+(?:[\w']+\s+){0,2}?(?:name|user\s*name|email|e-mail|phone(?:\s+number)?|number|address|zip(?:\s+code)?|postcode|dob|date\s+of\s+birth|birthday|account\s+(?:number|id)|order\s+(?:number|id)|ssn|social\s+security\s+number|iban|licen[cs]e(?:\s+number)?|passport(?:\s+number)?|pin|password)\s*(?:is(?!n't|\s+(?:invalid|wrong|incorrect|not|missing|blank|empty|showing|different|the\s+same|correct|right|fine|ok|okay|verified|locked|blocked|being|getting|required|needed|rejected|declined))|:|=)\s*\S")),
        ("intent.provide.here-is", Create(@"\b(?:here's|here\s+is|here\s+are|this\s+is)\s+(?:my|the)\b")),
        ("intent.provide.label-value", Create(@"^\s*(?:user\s*name|user\s+id|order\s+(?:id|number|no)|account\s+(?:id|number|no)|account|order|email|e-mail|phone|zip(?:\s+code)?|postcode|name|dob|iban)\s*(?::|is|#)\s*\S")),
        ("intent.provide.introduce", Create(@"\bthis\s+is\s+(?:mr|mrs|ms|miss|dr)\b|\b(?:people|everyone|they|friends)\s+call(?:s)?\s+me\b|\bi\s+am\s+(?:mr|mrs|ms|dr)\b|\bunder\s+(?:my\s+\w+'s\s+name|the\s+name)\b|\bit's\s+under\b")),
    ];

    /// <summary>Volunteered identifiers (IBAN, account or order ids) and named people being added or removed, on the original casing.</summary>
    private static readonly (string RuleId, Regex Regex)[] CasedProvideRules =
    [
        ("intent.provide.identifier", new Regex(@"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{8,34}\b", RegexDefaults.Options, RegexDefaults.Timeout)),
        ("intent.provide.its-name", new Regex(@"^\W*(?i:it's|it\s+is|it’s|name's|i'm|i\s+am)\s+\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+\b", RegexDefaults.Options, RegexDefaults.Timeout)),
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

    private static readonly FrozenDictionary<string, string> Typos = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["adress"] = "address", ["addres"] = "address", ["adresss"] = "address", ["addresss"] = "address", ["adddress"] = "address",
        ["emial"] = "email", ["emai"] = "email", ["eamil"] = "email", ["emal"] = "email", ["mail-id"] = "email",
        ["pasword"] = "password", ["passowrd"] = "password", ["passwrod"] = "password", ["pword"] = "password", ["paswd"] = "password",
        ["phne"] = "phone", ["phon"] = "phone", ["fone"] = "phone", ["nmber"] = "number", ["numbr"] = "number", ["nuber"] = "number",
        ["chnage"] = "change", ["chang"] = "change", ["cahnge"] = "change", ["updte"] = "update", ["upate"] = "update", ["udpate"] = "update",
        ["acct"] = "account", ["acc"] = "account", ["accnt"] = "account", ["acount"] = "account", ["accout"] = "account",
        ["deatails"] = "details", ["detials"] = "details", ["detail"] = "details", ["nam"] = "name", ["usename"] = "username",
        ["birthdate"] = "birth date", ["whats"] = "what's", ["wats"] = "what's", ["ur"] = "your", ["u"] = "you", ["pls"] = "please", ["plz"] = "please",
        ["phnoe"] = "phone", ["pnone"] = "phone", ["phoen"] = "phone", ["phonenumber"] = "phone number",
        ["adres"] = "address", ["addrss"] = "address", ["adresse"] = "address", ["addy"] = "address", ["e-mial"] = "email",
        ["passwrd"] = "password", ["passord"] = "password", ["paswword"] = "password", ["pw"] = "password",
        ["usernmae"] = "username", ["usernam"] = "username", ["usrname"] = "username", ["numebr"] = "number", ["nubmer"] = "number",
        ["acc't"] = "account", ["acnt"] = "account", ["birthdy"] = "birthday", ["bday"] = "birthday", ["b-day"] = "birthday", ["d.o.b"] = "dob",
        ["updat"] = "update", ["chnge"] = "change", ["cange"] = "change", ["chage"] = "change", ["reest"] = "reset",
        ["forgt"] = "forgot", ["fogot"] = "forgot", ["forgoten"] = "forgotten", ["remeber"] = "remember", ["rember"] = "remember",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Field nouns whose one-edit misspellings ("adrress", "emial", "phnoe", "pasword") are read as the noun.</summary>
    private static readonly string[] FuzzyNouns = ["address", "email", "phone", "password", "username", "account", "birthday", "postcode", "mobile", "number"];

    /// <summary>Real words one edit away from a field noun; they are never corrected.</summary>
    private static readonly FrozenSet<string> RealWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "phony", "phoned", "prone", "phono", "phones", "emails", "emailed", "accounts", "numbers", "numbed", "passwords", "mobiles", "addressed",
        "lumber", "member", "umber", "ember", "phonic", "accent", "birthdays", "postcodes", "usernames",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>A customer's message as the rules read it; the PII scan is run only when a rule needs it and nothing was given.</summary>
    private struct Message(IPiiDetector detector, string original, IReadOnlyList<Finding>? findings)
    {
        private IReadOnlyList<Finding>? _findings = findings;

        public readonly string Original => original;

        public IReadOnlyList<Finding> Findings => _findings ??= detector.Detect(original);
    }

    private static readonly Regex ValueBefore = Create(
        @"(?:\b(?:is|was|are)\s+(?:it|that|this|my|the|her|his|their)(?:\s+(?:still|phone|number|mobile|cell|e-?mail|address|zip|postcode|card|last|four|4|digits|birthday|date|of|birth|dob|name|on|file|account|you|have|registered|listed|saved|home|billing|shipping|delivery))*?|\bstill(?:\s+at|\s+on)?|\bhave\s+(?:me|my\s+\w+|it|her|him|them)(?:\s+down)?\s+(?:at|as|under)|\b(?:registered|listed|down|signed\s+up|living)\s+(?:at|as|under|with)|\b(?:ends?|ending|starts?|starting|begins?)(?:\s+(?:in|with))?|\b(?:it's|it\s+is|that's)|\b(?:if|whether)\s+(?:my|the|her|his|it)(?:\s+[\w'-]+){0,3}\s+is(?:\s+still)?)\s*[:\-]?\s*$");

    private static readonly Regex QuestionAfter = Create(@"^[^.!]{0,40}\?|^\W*(?:right|correct|yes|yeah|or\s+not|or\s+the|in\s+your\s+(?:system|records)|on\s+file)\b");

    private static readonly Regex CheckWhether = Create(@"\b(?:check|confirm|verify|see|tell\s+me)\s+(?:if|whether|that)\b");

    private static readonly Regex RecoveryVerb = Create(@"\b(?:forgot|forgotten|reset|recover)\b[^.?!]{0,30}(?:password|passcode|pin)");
    private static readonly Regex CardNumberAsked = Create(@"card\s+(?:number|no|digits)|last\s+(?:four|4|digits)|(?:number|digits)\s+(?:on|of)\s+(?:my|the)\s+card");
    private static readonly Regex ChangeItTo = Create(@"\b(?:change|correct|update|fix)\s+it\s+to\b");
    // Words between verb and field are "\w+('\w*)?", the same words as "\w+'?\w*" without its many ways to split a word,
    // which made a long sentence with a change verb and no field take hundreds of microseconds.
    private static readonly Regex VerbField = Create(
        @"\b" + ChangeVerb + @"\b(?:\s+(?:\w+(?:'\w*)?)){0,6}?\s+(?:address(?:es)?|phone|mobile|number|e-?mail|name|last\s+name|password|passcode|pin|2fa|two[\s-]?factor|details|information|info|profile|contact|username|user\s+name|billing\s+address|shipping)\b");
    private static readonly Regex NotContactChange = Create(
        @"\b(?:change|update|edit|modify)\s+(?:my|the)\s+(?:order|delivery\s+date|plan|subscription|limit|card\s+limit|billing\s+date)\b(?![^.?!]*\b(?:address|email|phone|name|pin|password)\b)");
    private static readonly Regex NumberWord = Create(@"\bnumber\b");

    private static readonly Regex WordToken = new(@"[\p{L}\p{N}'-]+", RegexDefaults.Options, RegexDefaults.Timeout);

    /// <summary>
    /// Every rule for a request or a change needs one of these fragments (or a digit or '@'); a message with none skips them.
    /// Kept broad on purpose: the gate only saves time, it must never decide.
    /// </summary>
    private static readonly string[] CueFragments =
        [
            "address", "phone", "mobile", "cell", "mail", "name", "number", "pass", "pin", "account", "acct", "card", "birth", "dob", "d.o.b",
            "zip", "postcode", "post code", "log", "sign", "user", "2fa", "factor", "step", "authenticat", "mfa", "code", "detail", "info",
            "profile", "move", "moving", "relocat", "locked", "access", "payout", "pay-out", "deposit", "bank", "iban", "routing", "sort",
            "refund", "money", "salary", "earning", "wage", "payment", "call me", "know me", "known as", "me as", "me by", "on file", "on record",
            "credential", "ssn", "social", "send", "sent", "ship", "deliver", "forward", "redirect", "post", "street", "home", "house",
            "location", "contact", "reset", "recover", "forgot", "forget", "remember", "get back", "got back", "getting back", "regain",
            "verif", "confirm", "check", "registered", "who ", "whose", "saved", "stored", "listed", "end", "start", "begin", "go to",
            "goes to", "paid", "under", "details", "security", "identity",
        ];

    // Groups of the keyword gate. Bits 0-11 are the field patterns, in order; each group lists fragments one of which the
    // expressions it guards cannot match without (white space is one space after normalisation).
    private const ulong GateNumber = 1UL << 12;
    private const ulong GateCue = 1UL << 13;
    private const ulong GateCompanyNoun = 1UL << 14;
    private const ulong GateVerbNoun = 1UL << 15;
    private const ulong GateMyValueIs = 1UL << 16;
    private const ulong GateHereIs = 1UL << 17;
    private const ulong GateIntroduce = 1UL << 18;

    /// <summary>Fragments of every change verb (<see cref="ChangeVerb"/>).</summary>
    private static readonly string[] ChangeVerbFragments =
        ["chang", "updat", "edit", "modif", "correct", "fix", "replac", "switch", "use a", "amend", "alter", "adjust", "set", "add", "remov", "get a new", "request a new", "receive a different", "new", "swap"];

    /// <summary>Per field pattern, fragments one of which it needs.</summary>
    private static readonly string[][] FieldFragments =
    [
        ["address", "street", "shipping", "mailing", "postcode", "zip"],
        ["phone", "mobile", "cell", "contact number", "number on file"],
        ["mail"],
        ["name", "know me", "known as", "call me"],
        ["user", "login", "account", "acct", "personal", "details", "profile", "info"],
        ["card"],
        ["birth", "dob", "d.o.b"],
        ["pass", "pwd", "credential"],
        ["ssn", "social"],
        ["pin"],
        ["2fa", "factor", "step", "authenticator", "mfa"],
        ["payout", "pay-out", "deposit", "bank", "iban", "routing number", "sort code"],
    ];

    /// <summary>Per change rule (by index), fragments one of which it needs; null when the rule is not gated here.</summary>
    private static readonly string[]?[] ChangeRuleFragments =
    [
        ["pass", "pin", "log", "credential"],
        ["back", "pass", "pin", "locked out", "regain", "recover", "can't", "cant", "cannot", "can not", "unable", "couldn't", "could not", "won't", "not able"],
        ["move", "relocated", "new address"],
        ["chang", "different now", "updat", "correct", "fix", "wrong", "outdated", "out of date", "misspelled", "hacked", "compromised", "stolen", "not right"],
        ChangeVerbFragments,
        ["payout", "pay-out", "deposit", "bank", "iban", "routing", "sort", "where", "earning", "refund"],
        ["access", "phone", "mobile", "sim"],
        ["new", "different", "other", "work", "personal", "second", "alternate", "updated"],
        ["from now on", "instead", "going forward", "future", "permanently", "every time", "always"],
        null,
    ];

    private const int ChangeRuleGateShift = 20;

    private const ulong GateYou = 1UL << 30;
    private const ulong GateContactVerb = 1UL << 31;
    private const ulong GateCheckWhether = 1UL << 32;
    private const ulong GateRedirectPhrase = 1UL << 33;
    private const ulong GateChangeVerb = 1UL << 34;
    private const int RequestRuleGateShift = 38;

    /// <summary>Per request rule (by index), fragments one of which it needs; null for the rules anchored at the start.</summary>
    private static readonly string[]?[] RequestRuleFragments =
    [
        ["end", "start", "begin"],
        ["what", "which", "wat", "wut"],
        null,
        ["how"],
        ["tell", "remind", "show", "read", "give", "let"],
        ["read", "say", "spell", "repeat", "recite", "list"],
        ["confirm", "verify", "validate", "check", "look up", "lookup", "pull up", "find"],
        ["confirm", "validate", "verify"],
        ["you"],
        ["forgot", "forget", "remember", "recall", "find", "think of"],
        ["name", "call me", "know", "me as", "me by"],
        ["name", "account", "acct", "card"],
        ["need", "want", "require", "would like", "'d like", "must have", "have to", "provide", "give", "send", "share", "disclose", "release", "forward", "pass"],
        ["what", "which"],
        ["what", "which"],
        null,
        ["account", "acct", "profile", "file", "record"],
        ["look up", "lookup", "pull up", "find", "check", "get"],
        ["what", "which"],
        ["on file", "on record", "saved", "listed", "stored"],
    ];


    private static readonly KeywordGate Gate = new(GateGroups());

    private static IEnumerable<(ulong Group, string[] Fragments)> GateGroups()
    {
        for (var i = 0; i < FieldFragments.Length; i++)
        {
            yield return (1UL << i, FieldFragments[i]);
        }

        yield return (GateNumber, ["number"]);
        yield return (GateCue, CueFragments);
        yield return (GateCompanyNoun, ["address", "phone", "number", "mail", "name", "hours", "location", "fax"]);
        yield return (GateVerbNoun, ["address", "phone", "mobile", "number", "mail", "name", "pass", "pin", "2fa", "two", "detail", "info", "profile", "contact", "shipping"]);
        yield return (GateMyValueIs, ["name", "mail", "phone", "number", "address", "zip", "postcode", "dob", "birth", "account", "order", "ssn", "social", "iban", "licen", "pass", "pin"]);
        yield return (GateHereIs, ["here", "this is"]);
        yield return (GateIntroduce, ["this is", "call", "i am", "under"]);
        yield return (GateYou, ["you"]);
        yield return (GateContactVerb, ["contact", "reach", "call", "mail", "write", "send", "text", "ring", "return", "post", "ship", "drop off", "bring", "message"]);
        yield return (GateCheckWhether, ["check", "confirm", "verify", "see", "tell me"]);
        yield return (GateRedirectPhrase, ["send", "sent", "ship", "deliver", "mail", "forward", "redirect", "post"]);
        yield return (GateChangeVerb, ChangeVerbFragments);
        for (var i = 0; i < RequestRuleFragments.Length; i++)
        {
            if (RequestRuleFragments[i] is { } fragments)
            {
                yield return (1UL << (RequestRuleGateShift + i), fragments);
            }
        }
        for (var i = 0; i < ChangeRuleFragments.Length; i++)
        {
            if (ChangeRuleFragments[i] is { } fragments)
            {
                yield return (1UL << (ChangeRuleGateShift + i), fragments);
            }
        }
    }

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
    public IntentResult Classify(string text) => ClassifyCore(text, null);

    /// <inheritdoc />
    public IntentResult Classify(string text, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return ClassifyCore(text, findings);
    }

    private IntentResult ClassifyCore(string text, IReadOnlyList<Finding>? findings)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return IntentResult.None;
        }

        // Offsets of given findings point into the whole text; a cut text is scanned afresh.
        var original = text.Length > MaxLength ? text[..MaxLength] : text;
        var message = new Message(_detector, original, text.Length > MaxLength ? null : findings);

        // The lower-cased and the normalised text live in pooled buffers: a clean message allocates nothing here.
        var lowerBuffer = ArrayPool<char>.Shared.Rent(original.Length);
        var normalBuffer = ArrayPool<char>.Shared.Rent((original.Length * 4) + 8);
        try
        {
            var lower = lowerBuffer.AsSpan(0, original.AsSpan().ToLowerInvariant(lowerBuffer));
            ReadOnlySpan<char> normal = normalBuffer.AsSpan(0, Normalize(lower, normalBuffer));
            return Classify(original, lower, normal, ref message) ?? IntentResult.None;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(normalBuffer);
            ArrayPool<char>.Shared.Return(lowerBuffer);
        }
    }

    private static IntentResult? Classify(string original, ReadOnlySpan<char> lower, ReadOnlySpan<char> normal, ref Message message)
    {
        var gates = Gate.Scan(normal);
        if ((gates & GateCue) == 0 && !HasDigitOrAt(original))
        {
            // Small talk and questions with no word a request or a change needs: only volunteered data is left to look for.
            return Provide(original, normal, FieldSet.Unknown, gates, ref message);
        }

        var count = CountSentences(normal);
        if (count <= 1)
        {
            // The one sentence with content holds every field of the message; the others are only white space.
            var fields = Fields(normal, gates, out _);
            var start = 0;
            for (var i = 0; i <= normal.Length; i++)
            {
                if (i < normal.Length && !IsSentenceBreak(normal, i))
                {
                    continue;
                }

                var sentence = normal[start..i];
                start = i + 1;
                if (HasContent(sentence) && Request(sentence, fields, gates) is { } request)
                {
                    return request;
                }
            }

            return ConfirmValue(normal, lower, gates, ref message)
                ?? Change(normal, fields, lower, gates, ref message)
                ?? Provide(original, normal, fields, gates, ref message);
        }

        return ClassifySentences(original, lower, normal, gates, ref message);
    }

    /// <summary>
    /// A message of several sentences: each sentence is read on its own first, with the gates of its own fragments (a subset of
    /// the message's: an expression that needs a fragment cannot match a sentence without it), then the whole message.
    /// </summary>
    private static IntentResult? ClassifySentences(string original, ReadOnlySpan<char> lower, ReadOnlySpan<char> normal, ulong gates, ref Message message)
    {
        // No field expression can match across a sentence break (none holds ". ", "? " or "! ", and a word boundary reads the
        // same at a sentence's edge as beside the break): the message's fields are the union of its sentences'.
        var rawFields = FieldSet.Empty;
        var numberOnly = false;
        var start = 0;
        for (var i = 0; i <= normal.Length; i++)
        {
            if (i < normal.Length && !IsSentenceBreak(normal, i))
            {
                continue;
            }

            var sentence = normal[start..i];
            start = i + 1;
            if (!HasContent(sentence))
            {
                continue;
            }

            var sentenceGates = Gate.Scan(sentence);
            var sentenceFields = Fields(sentence, sentenceGates, out var sentenceRaw);
            rawFields = rawFields.With(sentenceRaw);
            numberOnly |= sentenceRaw.IsEmpty && !sentenceFields.IsEmpty;
            if (Request(sentence, sentenceFields, sentenceGates) is { } request)
            {
                return request;
            }
        }

        var fields = rawFields.IsEmpty && numberOnly ? FieldSet.Phone : rawFields;
        return Request(normal, fields, gates)
            ?? ConfirmValue(normal, lower, gates, ref message)
            ?? Change(normal, fields, lower, gates, ref message)
            ?? Provide(original, normal, fields, gates, ref message);
    }

    /// <summary>
    /// A guess put as a question: "is it still 42 Elm St?", "does the phone end in 0178?", "can you check if my email is
    /// j.doe@x.com". The value comes with a frame that asks the agent to say yes or no, which discloses it as surely as reading it out.
    /// </summary>
    private static IntentResult? ConfirmValue(ReadOnlySpan<char> t, ReadOnlySpan<char> lower, ulong gates, ref Message message)
    {
        if (!HasDigitOrAt(message.Original))
        {
            return null;
        }

        var questionLike = t.Contains('?') || ((gates & GateCheckWhether) != 0 && CheckWhether.IsMatch(t))
            || t.EndsWith("right", StringComparison.Ordinal) || t.EndsWith("correct", StringComparison.Ordinal);
        if (!questionLike)
        {
            return null;
        }

        bool? checkWhether = null;
        foreach (var finding in message.Findings)
        {
            if (finding.Type is not (EntityType.Email or EntityType.Phone or EntityType.Address or EntityType.Zip or EntityType.CardLast4 or EntityType.CreditCard or EntityType.DateOfBirth or EntityType.Person or EntityType.Ssn))
            {
                continue;
            }

            var from = Math.Max(0, finding.Start - 60);
            var before = lower[from..finding.Start];
            var after = lower[finding.End..Math.Min(lower.Length, finding.End + 50)];
            // The anchored tests after the value are cheaper than the frame before it; all three are pure, so their order is free.
            if ((QuestionAfter.IsMatch(after) || (checkWhether ??= CheckWhether.IsMatch(lower))) && ValueBefore.IsMatch(before))
            {
                List<string> field = [FieldOf(finding.Type)];
                return new IntentResult(CustomerIntent.RequestPii, field, "intent.request.confirm-value", $"asks to confirm a guessed value on file ({field[0]})");
            }
        }

        return null;
    }

    private static bool HasDigitOrAt(string text) => text.AsSpan().ContainsAny(DigitOrAt);

    private static readonly SearchValues<char> DigitOrAt = SearchValues.Create("0123456789@");

    /// <summary>Sentences end at '.', '?' or '!' followed by white space (collapsed to one space by <see cref="Normalize"/>).</summary>
    private static bool IsSentenceBreak(ReadOnlySpan<char> t, int i) => t[i] == ' ' && i > 0 && t[i - 1] is '.' or '?' or '!';

    private static bool HasContent(ReadOnlySpan<char> sentence)
    {
        foreach (var c in sentence)
        {
            if (!char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sentences with content, split so that a change verb in one sentence does not hide a request in another.</summary>
    private static int CountSentences(ReadOnlySpan<char> t)
    {
        var count = 0;
        var start = 0;
        for (var i = 0; i <= t.Length; i++)
        {
            if (i == t.Length || IsSentenceBreak(t, i))
            {
                count += HasContent(t[start..i]) ? 1 : 0;
                start = i + 1;
            }
        }

        return count;
    }

    /// <summary><paramref name="gates"/> are those of the whole message, a superset of the sentence's.</summary>
    private static IntentResult? Request(ReadOnlySpan<char> t, FieldSet fields, ulong gates)
    {
        // A change verb only hides a request when it governs a field ("update my email"), not in "he set up the account";
        // it only matters to the rules that need a field.
        bool? hasChangeVerb = null;
        var requestFields = fields.Without(FieldSet.Payout);
        if (requestFields.Has(FieldSet.Card) && !CardNumberAsked.IsMatch(t))
        {
            requestFields = requestFields.Without(FieldSet.Card);
        }

        // Every test here is a pure function of the text, so the costly ones are read only when their answer can matter: the
        // change verb after a rule's own expression matched, and the company reading only when a rule would decide.
        for (var i = 0; i < RequestRules.Length; i++)
        {
            var (ruleId, regex, needsField) = RequestRules[i];
            if ((RequestRuleFragments[i] is not null && (gates & (1UL << (RequestRuleGateShift + i))) == 0)
                || (needsField && requestFields.IsEmpty)
                || !regex.IsMatch(t)
                || (needsField && (hasChangeVerb ??= VerbGovernsField(t, gates) || RecoveryVerb.IsMatch(t))))
            {
                continue;
            }

            if (IsAboutCompany(t, gates))
            {
                return null;
            }

            var fallback = ruleId == "intent.request.forgot-identifier" ? "account" : "name";
            IReadOnlyList<string> asked = requestFields.IsEmpty ? [fallback] : requestFields.ToList();
            return new IntentResult(CustomerIntent.RequestPii, asked, ruleId, $"asks to reveal or confirm data on file ({string.Join(", ", asked)})");
        }

        return null;
    }

    /// <summary>True when the text asks about the company's own details (or the bot's), not data on file.</summary>
    private static bool IsAboutCompany(ReadOnlySpan<char> t, ulong gates)
    {
        var companyNoun = (gates & GateCompanyNoun) != 0;
        return (((companyNoun && CompanyOwned.IsMatch(t)) || IsBotDirected(t, gates) || ((gates & GateContactVerb) != 0 && ContactCompany.IsMatch(t)))
                && !SelfReference.IsMatch(t))
            || (companyNoun && CompanyField.IsMatch(t));
    }

    /// <summary>A change of contact or credential details, unless the text is directed at the bot ("what's your name").</summary>
    private static IntentResult? Change(ReadOnlySpan<char> t, FieldSet fields, ReadOnlySpan<char> lower, ulong gates, ref Message message) =>
        // Pure tests: the bot-directed reading is needed only when a change was found.
        ChangeAsked(t, fields, lower, gates, ref message) is { } change && !(IsBotDirected(t, gates) && !SelfReference.IsMatch(t)) ? change : null;

    private static IntentResult? ChangeAsked(ReadOnlySpan<char> t, FieldSet fields, ReadOnlySpan<char> lower, ulong gates, ref Message message)
    {
        var changeable = fields.Intersect(FieldSet.Changeable);
        for (var i = 0; i < ChangeRules.Length; i++)
        {
            var (ruleId, regex, field) = ChangeRules[i];
            var gated = ChangeRuleFragments[i] is not null && (gates & (1UL << (ChangeRuleGateShift + i))) == 0;
            if (gated || (field is null && changeable.IsEmpty) || (field == "2fa" && !fields.Has(FieldSet.TwoFactor)) || !regex.IsMatch(t))
            {
                continue;
            }

            if (ruleId == "intent.change.verb-field" && !VerbGovernsField(t, gates) && !ChangeItTo.IsMatch(t))
            {
                continue;
            }

            IReadOnlyList<string> changed = field is null || changeable.Has(FieldSet.Of(field)) ? changeable.ToList() : [field, .. changeable.ToList()];
            return new IntentResult(CustomerIntent.ChangeContact, changed, ruleId, $"asks to change contact or credential details ({string.Join(", ", changed)})");
        }

        if ((gates & GateRedirectPhrase) != 0 && RedirectPhrase.IsMatch(t))
        {
            var target = fields.Has(FieldSet.Email) ? "email" : "address";
            return new IntentResult(CustomerIntent.ChangeContact, [target], "intent.change.redirect", $"asks to send or ship to another {target}");
        }

        if (!HasAddressOrEmail(message.Findings))
        {
            // Only an address or email given right after "send to" makes a redirect.
            return null;
        }

        foreach (var m in Redirect.EnumerateMatches(lower))
        {
            var after = m.Index + m.Length;
            var target = FirstRedirectTarget(message.Findings, after);
            if (target is not null)
            {
                var field = target.Type == EntityType.Email ? "email" : "address";
                return new IntentResult(CustomerIntent.ChangeContact, [field], "intent.change.redirect", $"asks to send or ship to a given {field}");
            }
        }

        return null;
    }

    private static bool IsBotDirected(ReadOnlySpan<char> t, ulong gates) => (gates & GateYou) != 0 && BotDirected.IsMatch(t);

    private static bool HasAddressOrEmail(IReadOnlyList<Finding> findings)
    {
        foreach (var f in findings)
        {
            if (f.Type is EntityType.Address or EntityType.Email)
            {
                return true;
            }
        }

        return false;
    }

    private static Finding? FirstRedirectTarget(IReadOnlyList<Finding> findings, int after)
    {
        foreach (var f in findings)
        {
            if (f.Type is EntityType.Address or EntityType.Email && f.Start >= after - 1 && f.Start <= after + 25)
            {
                return f;
            }
        }

        return null;
    }

    /// <summary>True when a change verb has a changeable field within a few words after it (or before it, "my pin needs changing").</summary>
    private static bool VerbGovernsField(ReadOnlySpan<char> t, ulong gates) =>
        (gates & (GateVerbNoun | GateChangeVerb)) == (GateVerbNoun | GateChangeVerb) && VerbField.IsMatch(t) && !NotContactChange.IsMatch(t);

    /// <summary>Volunteered data; <paramref name="fields"/> is -1 until a rule needs it.</summary>
    private static IntentResult? Provide(string original, ReadOnlySpan<char> t, FieldSet fields, ulong gates, ref Message message)
    {
        var findings = message.Findings;
        if (HasData(findings))
        {
            var data = new List<Finding>(findings.Count);
            var types = new List<string>(findings.Count);
            foreach (var f in findings)
            {
                if (f.Type != EntityType.Url)
                {
                    data.Add(f);
                    var name = f.Type.ToCanonicalName();
                    if (!types.Contains(name))
                    {
                        types.Add(name);
                    }
                }
            }

            return new IntentResult(CustomerIntent.ProvidePii, FieldsOf(data), "intent.provide.detected", $"volunteers data ({string.Join(", ", types)})");
        }

        for (var i = 0; i < ProvideRules.Length; i++)
        {
            var (ruleId, regex) = ProvideRules[i];
            if (ProvideRuleGates[i] is var gate && (gate == 0 || (gates & gate) != 0) && regex.IsMatch(t))
            {
                return new IntentResult(CustomerIntent.ProvidePii, (fields.IsUnknown ? Fields(t, gates) : fields).ToList(), ruleId, "volunteers personal data");
            }
        }

        for (var i = 0; i < CasedProvideRules.Length; i++)
        {
            var (ruleId, regex) = CasedProvideRules[i];
            if (CasedProvideRuleMayMatch(i, original) && regex.IsMatch(original))
            {
                return new IntentResult(CustomerIntent.ProvidePii, (fields.IsUnknown ? Fields(t, gates) : fields).ToList(), ruleId, "volunteers personal data");
            }
        }

        if (MayBeBareValue(original) && BareValue.IsMatch(original) && !HasCommonWord(original))
        {
            return new IntentResult(CustomerIntent.ProvidePii, (fields.IsUnknown ? Fields(t, gates) : fields).ToList(), "intent.provide.bare-value", "a bare value such as a name, id or number");
        }

        return null;
    }

    /// <summary>
    /// False when <paramref name="text"/> has a character <see cref="BareValue"/> cannot match anywhere: it reads only white
    /// space (<c>\s</c> is <see cref="char.IsWhiteSpace(char)"/>), letters, digits and <c>._-()+</c>. Most sentences have a
    /// comma, an apostrophe or a question mark and skip the expression.
    /// </summary>
    private static bool MayBeBareValue(string text) => !text.AsSpan().ContainsAnyExcept(BareValueCharacters) || OnlyBareValueCharacters(text);

    private static readonly SearchValues<char> BareValueCharacters =
        SearchValues.Create(" ._-()+0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static bool OnlyBareValueCharacters(string text)
    {
        foreach (var c in text)
        {
            if (!BareValueCharacters.Contains(c) && !char.IsWhiteSpace(c) && !char.IsLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasData(IReadOnlyList<Finding> findings)
    {
        foreach (var f in findings)
        {
            if (f.Type != EntityType.Url)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasCommonWord(string original)
    {
        var common = CommonWords.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var w in WordToken.EnumerateMatches(original))
        {
            if (common.Contains(original.AsSpan(w.Index, w.Length)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The field of each finding, each named once, in the order of the findings.</summary>
    private static List<string> FieldsOf(List<Finding> findings)
    {
        var fields = new List<string>(findings.Count);
        for (var i = 0; i < findings.Count; i++)
        {
            var field = FieldOf(findings[i].Type);
            if (!fields.Contains(field))
            {
                fields.Add(field);
            }
        }

        return fields;
    }

    private static string FieldOf(EntityType type) => type switch
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
    };

    /// <summary>
    /// Per provide rule (by index), the gate group it needs, or 0 when it is anchored at the start and cheap to try.
    /// </summary>
    private static readonly ulong[] ProvideRuleGates = [GateMyValueIs, GateHereIs, 0, GateIntroduce];

    /// <summary>An identifier needs an ASCII digit; a named person is added or removed (both read the original casing).</summary>
    private static bool CasedProvideRuleMayMatch(int rule, string original) => rule switch
    {
        0 => original.AsSpan().ContainsAnyInRange('0', '9'),
        2 => original.Contains("add", StringComparison.Ordinal) || original.Contains("remov", StringComparison.Ordinal),
        _ => true,
    };

    private static FieldSet Fields(ReadOnlySpan<char> t, ulong gates) => Fields(t, gates, out _);

    /// <summary>The fields of <paramref name="t"/>; <paramref name="named"/> leaves out the phone read from "number" alone.</summary>
    private static FieldSet Fields(ReadOnlySpan<char> t, ulong gates, out FieldSet named)
    {
        var fields = FieldSet.Empty;
        for (var i = 0; i < FieldPatterns.Length; i++)
        {
            if ((gates & (1UL << i)) != 0 && FieldPatterns[i].Regex.IsMatch(t))
            {
                fields = fields.With(FieldSet.At(i));
            }
        }

        named = fields;

        // "number" alone is a phone number only when nothing else claims it.
        if (fields.IsEmpty && (gates & GateNumber) != 0 && NumberWord.IsMatch(t))
        {
            fields = fields.With(FieldSet.Phone);
        }

        return fields;
    }

    /// <summary>
    /// Writes the lower-cased text with curly quotes folded, white space collapsed and known typos fixed into
    /// <paramref name="output"/> (four times the input's length is enough), in one pass without regexes; returns its length.
    /// </summary>
    private static int Normalize(ReadOnlySpan<char> lower, Span<char> output)
    {
        var typos = TypoLookup;
        var n = 0;
        var i = 0;
        while (i < lower.Length)
        {
            var c = lower[i];
            if (char.IsWhiteSpace(c))
            {
                if (n == 0 || output[n - 1] != ' ')
                {
                    output[n++] = ' ';
                }

                i++;
                continue;
            }

            if (!IsWordChar(c))
            {
                output[n++] = c is '’' or '‘' ? '\'' : c;
                i++;
                continue;
            }

            var start = i;
            while (i < lower.Length && IsWordChar(lower[i]))
            {
                i++;
            }

            var word = lower[start..i];
            string? fixedWord = null;
            ReadOnlySpan<char> written = MayBeTypo(word) && typos.TryGetValue(word, out fixedWord) ? fixedWord : word;
            if (fixedWord is null && MayBeFuzzyNoun(word) && word.IndexOfAny('’', '‘') < 0)
            {
                written = FuzzyNoun(word) ?? (ReadOnlySpan<char>)word;
            }

            var target = output[n..];
            written.CopyTo(target);
            if (fixedWord is null)
            {
                target[..written.Length].Replace('’', '\'');
                target[..written.Length].Replace('‘', '\'');
            }

            n += written.Length;
        }

        return n;
    }

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> TypoLookup = Typos.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> RealWordLookup = RealWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Per ASCII first character, a bit per length (below 64) that some key of <see cref="Typos"/> has: most words match no
    /// key's first character and length, and skip the dictionary's hashing.
    /// </summary>
    private static readonly ulong[] TypoShapes = Shapes(Typos.Keys);

    /// <summary>As <see cref="TypoShapes"/> for the lengths <see cref="FuzzyNoun"/> accepts (one more or less than a noun's).</summary>
    private static readonly ulong[] FuzzyNounShapes = Shapes(FuzzyNouns.SelectMany(n => (string[])[n[0] + new string('x', n.Length - 2), n, n + "x"]));

    private static ulong[] Shapes(IEnumerable<string> words)
    {
        var shapes = new ulong[128];
        foreach (var word in words)
        {
            // Every key and noun starts with an ASCII character and is shorter than 64; anything else would need the slow path.
            if (word.Length == 0 || word[0] >= 128 || word.Length >= 64)
            {
                throw new InvalidOperationException($"'{word}' cannot be screened by its first character and length.");
            }

            shapes[word[0]] |= 1UL << word.Length;
        }

        return shapes;
    }

    private static bool HasShape(ulong[] shapes, ReadOnlySpan<char> word) =>
        word.Length is > 0 and < 64 && word[0] < 128 && (shapes[word[0]] & (1UL << word.Length)) != 0;

    /// <summary>False only when no key of <see cref="Typos"/> can equal <paramref name="word"/>.</summary>
    private static bool MayBeTypo(ReadOnlySpan<char> word) => HasShape(TypoShapes, word);

    /// <summary>False only when <see cref="FuzzyNoun"/> returns null for <paramref name="word"/> (first letter and length screen).</summary>
    private static bool MayBeFuzzyNoun(ReadOnlySpan<char> word) => HasShape(FuzzyNounShapes, word);

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '\'' or '-' or '’' or '‘';

    /// <summary>The field noun one edit (insert, delete, substitute or swap) away from <paramref name="word"/>, same first letter.</summary>
    private static string? FuzzyNoun(ReadOnlySpan<char> word)
    {
        if (word.Length < 4 || word.Length > 9)
        {
            return null;
        }

        foreach (var noun in FuzzyNouns)
        {
            if (word[0] == noun[0] && Math.Abs(word.Length - noun.Length) <= 1 && !word.SequenceEqual(noun) && OneEditApart(word, noun)
                && !RealWordLookup.Contains(word))
            {
                return noun;
            }
        }

        return null;
    }

    private static bool OneEditApart(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == b.Length)
        {
            var first = -1;
            var diffs = 0;
            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    first = diffs == 0 ? i : first;
                    diffs++;
                }
            }

            // One substitution, or two neighbours swapped ("emial").
            return diffs == 1 || (diffs == 2 && first + 1 < a.Length && a[first] == b[first + 1] && a[first + 1] == b[first] && a[(first + 2)..].SequenceEqual(b[(first + 2)..]));
        }

        var shorter = a.Length < b.Length ? a : b;
        var longer = a.Length < b.Length ? b : a;
        var skipped = false;
        for (int i = 0, j = 0; i < shorter.Length; j++)
        {
            if (shorter[i] == longer[j])
            {
                i++;
            }
            else if (skipped)
            {
                return false;
            }
            else
            {
                skipped = true;
            }
        }

        return true;
    }

    /// <summary>Case-sensitive on purpose: every text these expressions read was lower-cased once in <see cref="Normalize"/>.</summary>
    private static Regex Create(string pattern) => RegexDefaults.Create(pattern);
}
