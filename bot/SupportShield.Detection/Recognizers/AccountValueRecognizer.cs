using System.Globalization;
using System.Text.RegularExpressions;
using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds the values on file for the linked account, whole or in part, whatever their formatting: phone digits with any separators
/// or +1, email case-insensitive or its local part alone, address with any case, punctuation or abbreviation (Street/St), street number
/// and name, last four digits of the phone or card as a standalone run, full name, date of birth in any date form, ZIP and account id.
/// Each finding names the field in <see cref="Finding.OnFileField"/>.
/// </summary>
public sealed class AccountValueRecognizer : IRecognizer
{
    private static readonly Regex Word = RegexDefaults.Create(@"[\p{L}\p{N}]+");
    private static readonly Regex DigitRun = RegexDefaults.Create(@"\+?\(?\d[\d \t().\-/]*\d");
    private static readonly Regex FourDigits = RegexDefaults.Create(@"(?<!\d|\d[ .\-/])\d{4}(?!\d|[ .\-/]\d)");
    private static readonly Regex Year = RegexDefaults.Create(@"(?<!\d)(?:19|20)\d{2}(?!\d)");
    private static readonly string[] BirthWords = ["born", "birth", "dob", "birthday", "bday"];

    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["street"] = "st", ["avenue"] = "ave", ["av"] = "ave", ["road"] = "rd", ["drive"] = "dr", ["terrace"] = "ter", ["terr"] = "ter",
        ["boulevard"] = "blvd", ["lane"] = "ln", ["apartment"] = "apt", ["court"] = "ct", ["place"] = "pl", ["parkway"] = "pkwy",
        ["highway"] = "hwy", ["circle"] = "cir", ["square"] = "sq", ["suite"] = "ste", ["north"] = "n", ["south"] = "s", ["east"] = "e",
        ["west"] = "w", ["northwest"] = "nw", ["northeast"] = "ne", ["southwest"] = "sw", ["southeast"] = "se", ["trail"] = "trl",
        ["crescent"] = "cres", ["mount"] = "mt", ["saint"] = "st", ["fort"] = "ft",
    };

    /// <inheritdoc />
    public string Name => nameof(AccountValueRecognizer);

    /// <inheritdoc />
    public IEnumerable<Finding> Recognize(string text, AccountValues? account)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<Finding>();
        if (account is null || text.Length == 0)
        {
            return findings;
        }

        var words = Tokens(text);
        FindEmail(text, account.Email, findings);
        FindPhone(text, account.Phone, findings);
        FindLast4(text, Digits(account.Phone), EntityType.Phone, "phone.last4", findings);
        FindLast4(text, Digits(account.CardLast4), EntityType.CardLast4, "card.last4", findings);
        FindAddress(text, words, account.PostalAddress, findings);
        FindZip(text, account.Zip, findings);
        FindName(text, words, account.Name, findings);
        FindDateOfBirth(text, account.DateOfBirth, findings);
        FindAccountId(text, account.AccountId, findings);
        return findings;
    }

    private void Add(List<Finding> findings, string text, EntityType type, int start, int end, double score, string field, string pattern) =>
        findings.Add(new Finding(type, start, end, text[start..end], score, $"account.{field}", new FindingExplanation(Name, pattern, score, "on-file:match"), field));

    private void FindEmail(string text, string? email, List<Finding> findings)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return;
        }

        email = email.Trim();
        foreach (var index in Occurrences(text, email))
        {
            if (Bounded(text, index, index + email.Length, ".+-_@"))
            {
                Add(findings, text, EntityType.Email, index, index + email.Length, 1.0, "email", "email:exact");
            }
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at < 3)
        {
            return;
        }

        var local = email[..at];
        foreach (var index in Occurrences(text, local))
        {
            var end = index + local.Length;
            if (Bounded(text, index, end, ".+-_@") && (end >= text.Length || text[end] != '@'))
            {
                Add(findings, text, EntityType.Email, index, end, 0.9, "email.local-part", "email:local-part");
            }
        }
    }

    private void FindPhone(string text, string? phone, List<Finding> findings)
    {
        var national = Digits(phone);
        if (national.Length == 11 && national[0] == '1')
        {
            national = national[1..];
        }

        if (national.Length < 7)
        {
            return;
        }

        foreach (Match run in SafeMatches(DigitRun, text))
        {
            var positions = new List<int>();
            for (var i = run.Index; i < run.Index + run.Length; i++)
            {
                if (char.IsAsciiDigit(text[i]))
                {
                    positions.Add(i);
                }
            }

            var digits = string.Concat(positions.Select(p => text[p]));
            var found = digits.IndexOf(national, StringComparison.Ordinal);
            if (found < 0)
            {
                continue;
            }

            var start = found == 0 || (found == 1 && digits[0] == '1') ? run.Index : positions[found];
            if (start > 0 && text[start - 1] == '(')
            {
                start--;
            }

            var end = positions[found + national.Length - 1] + 1;
            if (end < text.Length && text[end] == ')')
            {
                end++;
            }

            Add(findings, text, EntityType.Phone, start, end, 1.0, "phone", "phone:digits");
        }
    }

    private void FindLast4(string text, string digits, EntityType type, string field, List<Finding> findings)
    {
        if (digits.Length < 4)
        {
            return;
        }

        var last4 = digits[^4..];
        foreach (Match m in SafeMatches(FourDigits, text))
        {
            if (m.Value == last4)
            {
                Add(findings, text, type, m.Index, m.Index + 4, 0.9, field, "last4:standalone");
            }
        }
    }

    private void FindAddress(string text, List<(int Start, int End, string Norm)> words, string? address, List<Finding> findings)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return;
        }

        var all = Tokens(address).Select(t => t.Norm).ToArray();
        var street = Tokens(address.Split(',')[0]).Select(t => t.Norm).ToArray();
        if (all.Length > street.Length)
        {
            FindSequence(text, words, all, EntityType.Address, 1.0, "address", findings);
        }

        if (street.Length >= 2)
        {
            FindSequence(text, words, street, EntityType.Address, 0.95, "address.street", findings);
            if (street.Length >= 3 && street[0].All(char.IsDigit))
            {
                // "742 Evergreen" (number and name) and "Evergreen Terrace" (name and suffix).
                FindSequence(text, words, street[..2], EntityType.Address, 0.85, "address.street-number", findings);
                FindSequence(text, words, street[1..], EntityType.Address, 0.85, "address.street-name", findings);
            }
        }
    }

    private void FindZip(string text, string? zip, List<Finding> findings)
    {
        if (string.IsNullOrWhiteSpace(zip))
        {
            return;
        }

        var compact = Regex.Replace(zip, @"\s+", string.Empty, RegexOptions.None, RegexDefaults.Timeout);
        var pattern = string.Join(@"\s*", compact.Select(c => Regex.Escape(c.ToString())));
        var regex = new Regex(@"(?<![\p{L}\p{N}])" + pattern + @"(?![\p{L}\p{N}]|-\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexDefaults.Timeout);
        foreach (Match m in SafeMatches(regex, text))
        {
            Add(findings, text, EntityType.Zip, m.Index, m.Index + m.Length, 0.9, "zip", "zip:exact");
        }
    }

    private void FindName(string text, List<(int Start, int End, string Norm)> words, string? name, List<Finding> findings)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        var parts = Tokens(name).Select(t => t.Norm).ToArray();
        if (parts.Length < 2)
        {
            return;
        }

        FindSequence(text, words, parts, EntityType.Person, 1.0, "name", findings);
        if (parts.Length > 2)
        {
            FindSequence(text, words, [parts[0], parts[^1]], EntityType.Person, 0.95, "name", findings);
        }
    }

    private void FindDateOfBirth(string text, DateOnly? dob, List<Finding> findings)
    {
        if (dob is not { } date)
        {
            return;
        }

        foreach (var mention in DateMentions.Find(text))
        {
            if (mention.Date == date)
            {
                Add(findings, text, EntityType.DateOfBirth, mention.Start, mention.End, 1.0, "dob", $"date:{mention.Pattern}");
            }
        }

        var year = date.Year.ToString(CultureInfo.InvariantCulture);
        foreach (Match m in SafeMatches(Year, text))
        {
            if (m.Value == year && ContextScanner.Find(text, m.Index, m.Index + 4, BirthWords).Count > 0)
            {
                Add(findings, text, EntityType.DateOfBirth, m.Index, m.Index + 4, 0.8, "dob.year", "year:birth-context");
            }
        }
    }

    private void FindAccountId(string text, string? accountId, List<Finding> findings)
    {
        if (string.IsNullOrWhiteSpace(accountId) || accountId.Trim().Length < 4)
        {
            return;
        }

        accountId = accountId.Trim();
        foreach (var index in Occurrences(text, accountId))
        {
            if (Bounded(text, index, index + accountId.Length, "-_"))
            {
                Add(findings, text, EntityType.AccountId, index, index + accountId.Length, 1.0, "account-id", "account-id:exact");
            }
        }
    }

    private void FindSequence(string text, List<(int Start, int End, string Norm)> words, string[] sequence, EntityType type, double score, string field, List<Finding> findings)
    {
        for (var i = 0; i + sequence.Length <= words.Count; i++)
        {
            var match = true;
            for (var j = 0; j < sequence.Length && match; j++)
            {
                match = words[i + j].Norm == sequence[j];
            }

            if (match)
            {
                Add(findings, text, type, words[i].Start, words[i + sequence.Length - 1].End, score, field, $"tokens:{sequence.Length}");
            }
        }
    }

    /// <summary>Words of a text, lower-cased with street abbreviations folded, with their offsets.</summary>
    private static List<(int Start, int End, string Norm)> Tokens(string text)
    {
        var tokens = new List<(int, int, string)>();
        foreach (Match m in SafeMatches(Word, text))
        {
            var norm = m.Value.ToLowerInvariant();
            tokens.Add((m.Index, m.Index + m.Length, Abbreviations.GetValueOrDefault(norm, norm)));
        }

        return tokens;
    }

    private static string Digits(string? value) => value is null ? string.Empty : string.Concat(value.Where(char.IsAsciiDigit));

    private static List<int> Occurrences(string text, string value)
    {
        var list = new List<int>();
        var index = 0;
        while ((index = text.IndexOf(value, index, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            list.Add(index);
            index += value.Length;
        }

        return list;
    }

    private static bool Bounded(string text, int start, int end, string joiners)
    {
        static bool Joins(char c, string joiners) => char.IsLetterOrDigit(c) || joiners.Contains(c, StringComparison.Ordinal);
        return (start == 0 || !Joins(text[start - 1], joiners)) && (end >= text.Length || !Joins(text[end], joiners) || text[end] == '.' && (end + 1 >= text.Length || !char.IsLetterOrDigit(text[end + 1])));
    }

    private static List<Match> SafeMatches(Regex regex, string text)
    {
        var list = new List<Match>();
        try
        {
            for (var m = regex.Match(text); m.Success; m = m.NextMatch())
            {
                list.Add(m);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was found.
        }

        return list;
    }
}
