using SupportShield.Bot.Agents.Contracts;
using SupportShield.Middleware.Accounts;

namespace SupportShield.Bot.Agents;

/// <summary>Finds the account an agent searches for, by exact id, email or phone, and shows it masked.</summary>
public sealed class AccountMatches
{
    /// <summary>Longest query accepted.</summary>
    public const int MaxQueryLength = 320;

    private readonly IAccountDirectory _accounts;

    public AccountMatches(IAccountDirectory accounts)
    {
        _accounts = accounts ?? throw new ArgumentNullException(nameof(accounts));
    }

    /// <summary>The accounts whose id, email or phone is exactly <paramref name="query"/> (no partial matches: no browsing of customers).</summary>
    public async Task<IReadOnlyList<AccountMatchView>> FindAsync(string query, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var found = new List<Account>();
        if (await _accounts.FindByIdAsync(query, cancellationToken).ConfigureAwait(false) is { } byId)
        {
            found.Add(byId);
        }

        if (await _accounts.FindByContactAsync(query, cancellationToken).ConfigureAwait(false) is { } byContact && found.All(a => a.Id != byContact.Id))
        {
            found.Add(byContact);
        }

        return found.Select(Masked).ToList();
    }

    /// <summary>The account as a search shows it.</summary>
    public static AccountMatchView Masked(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new AccountMatchView(account.Id, Initials(account.Name), MaskEmail(account.Email), account.Phone is { Length: > 0 } phone ? MaskPhone(phone) : null);
    }

    /// <summary>The first letter of each part of a name, for example "J. D.".</summary>
    public static string Initials(string name) =>
        string.Join(' ', (name ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => char.IsLetter(p[0])).Select(p => char.ToUpperInvariant(p[0]) + "."));

    /// <summary>The first letter of the local part and of the domain, and the top-level domain: <c>j***@e***.com</c>.</summary>
    public static string MaskEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1)
        {
            return "***";
        }

        var domain = email[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        var tld = dot > 0 ? domain[dot..] : string.Empty;
        return $"{email[0]}***@{domain[0]}***{tld}";
    }

    /// <summary>The last two digits only: <c>*** 67</c>.</summary>
    public static string MaskPhone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length < 4 ? "***" : "*** " + digits[^2..];
    }
}
