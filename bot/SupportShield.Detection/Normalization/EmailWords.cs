using System.Buffers;
using System.Text.RegularExpressions;
using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Normalization;

/// <summary>
/// Stage 3: rewrites email addresses spelled out to dodge patterns: "jane dot doe at example dot com", "jane[at]example[dot]com",
/// "jane (at) example (dot) com", "jane @ example . com". Bare "at"/"dot" words and spaced dots need a common top-level domain,
/// and a bare "at" after an everyday word ("log in at shop.com") is not an address.
/// </summary>
internal static class EmailWords
{
    private const string At = @"(?<at>\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*|\s+at\s+|\s*@\s*)";
    private const string Dot = @"(?<dot>\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+dot\s+|\s+\.\s*|\.)";

    private static readonly Regex Spelled = RegexDefaults.Create(
        @"(?<![\w.@%+-])(?<label>(?>[a-z0-9][a-z0-9_%+-]{0,63}))(?:" + Dot + @"(?<label>(?>[a-z0-9_%+-]{1,63})))*" + At
        + @"(?<label>(?>[a-z0-9][a-z0-9-]{0,62}))(?:" + Dot + @"(?<label>(?>[a-z0-9-]{1,63}))){1,4}(?![\w@-])",
        ignoreCase: true);

    private static readonly HashSet<string> CommonTopLevelDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "net", "org", "edu", "gov", "mil", "int", "io", "co", "uk", "us", "ca", "au", "nz", "de", "fr", "es", "it", "nl", "be",
        "ch", "at", "se", "no", "dk", "fi", "ie", "pl", "pt", "ru", "in", "jp", "cn", "br", "mx", "za", "il", "info", "biz", "me",
        "tv", "app", "dev", "ai", "xyz", "online", "email", "mail", "live", "eu", "asia", "cz", "gr", "hu", "ro", "tr", "ar", "cl",
    };

    /// <summary>Words that come before "at" in ordinary sentences ("available at", "log in at"), never a mailbox.</summary>
    private static readonly HashSet<string> EverydayWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "i", "me", "you", "we", "us", "him", "her", "them", "it", "is", "are", "am", "was", "were", "be", "been", "here", "there", "in",
        "on", "up", "out", "look", "looking", "log", "logged", "login", "sign", "signed", "online", "available", "found", "located",
        "based", "live", "lives", "living", "work", "works", "working", "shop", "shopping", "buy", "bought", "order", "ordered", "meet",
        "arrive", "arrived", "call", "called", "reach", "reached", "email", "emailed", "mail", "mailed", "visit", "visited", "site",
        "page", "store", "home", "school", "office", "anyone", "someone", "go", "went", "stay", "staying", "see", "seen", "check",
        "checked", "this", "that", "what", "sold", "listed", "posted", "post", "account", "me", "us", "only", "again", "both", "or",
        "and", "but", "not", "even", "still", "just", "also", "help", "support", "contact", "write", "message", "ping", "text",
    };

    /// <summary>Rewrites spelled-out addresses; returns <paramref name="input"/> when there is none.</summary>
    public static NormalizedText Apply(NormalizedText input)
    {
        var text = input.Text;
        if (!MayContain(text))
        {
            return input;
        }

        MappedTextBuilder? builder = null;
        var copied = 0;
        try
        {
            var from = 0;
            while (from < text.Length)
            {
                var match = Spelled.Match(text, from);
                if (!match.Success)
                {
                    break;
                }

                if (!IsSpelledAddress(match))
                {
                    // "me at jane dot doe at example dot com": the address may start at a later label of a rejected match.
                    var first = match.Groups["label"].Captures[0];
                    from = first.Index + first.Length;
                    continue;
                }

                builder ??= new MappedTextBuilder(input);
                builder.Copy(copied, match.Index);
                Emit(match, builder);
                copied = match.Index + match.Length;
                from = copied;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological input: keep what was rewritten so far.
        }

        if (builder is null)
        {
            return input;
        }

        builder.Copy(copied, text.Length);
        return builder.Build();
    }

    /// <summary>Cheap pre-check: an "at" or "dot" word, or an @ with space or a bracket beside it.</summary>
    private static bool MayContain(string text)
    {
        // Jumps from one candidate character to the next with a vectorised search instead of testing every character.
        for (var i = text.AsSpan().IndexOfAny(PreCheckStarts); i >= 0; i = NextPreCheckStart(text, i + 1))
        {
            var c = text[i];
            if (c == '@')
            {
                if ((i > 0 && !char.IsLetterOrDigit(text[i - 1])) || (i + 1 < text.Length && !char.IsLetterOrDigit(text[i + 1])))
                {
                    return true;
                }
            }
            else if ((c is 'a' or 'A' or 'd' or 'D') && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                var word = c is 'a' or 'A' ? "at" : "dot";
                if (i + word.Length <= text.Length
                    && text.AsSpan(i, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase)
                    && (i + word.Length == text.Length || !char.IsLetterOrDigit(text[i + word.Length])))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The characters <see cref="MayContain"/> looks at: '@' and the first letters of "at" and "dot".</summary>
    private static readonly SearchValues<char> PreCheckStarts = SearchValues.Create("@aAdD");

    private static int NextPreCheckStart(string text, int from)
    {
        var next = text.AsSpan(from).IndexOfAny(PreCheckStarts);
        return next < 0 ? -1 : from + next;
    }

    private static bool IsSpelledAddress(Match match)
    {
        var at = match.Groups["at"].Value;
        var atWord = at.Trim();
        var bracketed = at.AsSpan().IndexOfAny("[({<") >= 0;
        var bareAt = !bracketed && atWord.Equals("at", StringComparison.OrdinalIgnoreCase);
        var plain = at == "@";
        var loose = bareAt || (!bracketed && atWord == "@" && at.Length > 1);
        foreach (Capture dot in match.Groups["dot"].Captures)
        {
            plain &= dot.Value == ".";
            var dotWord = dot.Value.Trim();
            loose |= dot.Value.AsSpan().IndexOfAny("[({<") < 0 && (dotWord.Equals("dot", StringComparison.OrdinalIgnoreCase) || dot.Value.Length > 1);
        }

        if (plain)
        {
            return false;
        }

        var labels = match.Groups["label"].Captures;
        var topLevel = labels[^1].Value;
        if (topLevel.Length is < 2 or > 24 || !topLevel.All(char.IsAsciiLetter))
        {
            return false;
        }

        if (loose && !CommonTopLevelDomains.Contains(topLevel))
        {
            return false;
        }

        // A lone everyday word before a bare "at" is a sentence, not a mailbox.
        var local = labels[0];
        return !(bareAt && local.Index + local.Length == match.Groups["at"].Index && EverydayWords.Contains(local.Value));
    }

    private static void Emit(Match match, MappedTextBuilder builder)
    {
        var labels = match.Groups["label"].Captures;
        var dots = match.Groups["dot"].Captures;
        var at = match.Groups["at"];
        var d = 0;
        for (var l = 0; l < labels.Count; l++)
        {
            var label = labels[l];
            if (l > 0)
            {
                // Between two labels is either the at or the next dot, whichever comes first in the text.
                if (at.Index < label.Index && at.Index >= labels[l - 1].Index + labels[l - 1].Length)
                {
                    builder.Append('@', at.Index, at.Index + at.Length);
                }
                else
                {
                    var dot = dots[d++];
                    builder.Append('.', dot.Index, dot.Index + dot.Length);
                }
            }

            for (var k = label.Index; k < label.Index + label.Length; k++)
            {
                builder.Append(match.Value[k - match.Index], k, k + 1);
            }
        }
    }
}
