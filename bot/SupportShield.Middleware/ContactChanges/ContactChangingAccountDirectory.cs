using SupportShield.Middleware.Accounts;

namespace SupportShield.Middleware.ContactChanges;

/// <summary>
/// An account directory with the contact changes made through the chat applied over another directory's values: after a
/// change, the new email is the one on file (codes go there) and the old one no longer finds the account.
/// </summary>
public sealed class ContactChangingAccountDirectory : IAccountDirectory
{
    private readonly IAccountDirectory _inner;
    private readonly ContactChangeStore _store;

    public ContactChangingAccountDirectory(IAccountDirectory inner, ContactChangeStore store)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _store = store ?? throw new ArgumentNullException(nameof(store));
    }

    /// <inheritdoc />
    public async Task<Account?> FindByIdAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var account = await _inner.FindByIdAsync(accountId, cancellationToken).ConfigureAwait(false);
        return account is null ? null : await ApplyAsync(account, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Account?> FindByContactAsync(string contact, CancellationToken cancellationToken = default)
    {
        foreach (var accountId in await _store.ChangedAccountsAsync(cancellationToken).ConfigureAwait(false))
        {
            var changed = await FindByIdAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (changed is not null && (SameEmail(changed.Email, contact) || SamePhone(changed.Phone, contact)))
            {
                return changed;
            }
        }

        var account = await _inner.FindByContactAsync(contact, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return null;
        }

        // The contact matched a value the account no longer has on file.
        var current = await ApplyAsync(account, cancellationToken).ConfigureAwait(false);
        return SameEmail(current.Email, contact) || SamePhone(current.Phone, contact) ? current : null;
    }

    private async Task<Account> ApplyAsync(Account account, CancellationToken cancellationToken)
    {
        var overrides = await _store.GetOverridesAsync(account.Id, cancellationToken).ConfigureAwait(false);
        return overrides.ChangedAt is null
            ? account
            : account with
            {
                Email = overrides.Email ?? account.Email,
                Phone = overrides.Phone ?? account.Phone,
                PostalAddress = overrides.PostalAddress ?? account.PostalAddress,
            };
    }

    private static bool SameEmail(string? onFile, string contact) =>
        onFile is not null && string.Equals(onFile.Trim(), contact.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool SamePhone(string? onFile, string contact)
    {
        if (onFile is null)
        {
            return false;
        }

        var b = NationalDigits(contact);
        return b.Length >= 7 && NationalDigits(onFile) == b;
    }

    /// <summary>The digits, without a leading North American country code.</summary>
    private static string NationalDigits(string text)
    {
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 11 && digits[0] == '1' ? digits[1..] : digits;
    }
}
