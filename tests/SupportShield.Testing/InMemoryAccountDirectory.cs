using SupportShield.Middleware.Accounts;

namespace SupportShield.Testing;

public sealed class InMemoryAccountDirectory : IAccountDirectory
{
    private readonly List<Account> _accounts;

    public InMemoryAccountDirectory(params Account[] accounts)
    {
        _accounts = accounts.ToList();
    }

    /// <summary>Adds an account.</summary>
    public void Add(Account account) => _accounts.Add(account);

    public Task<Account?> FindByIdAsync(string accountId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_accounts.FirstOrDefault(a => a.Id == accountId));

    public Task<Account?> FindByContactAsync(string contact, CancellationToken cancellationToken = default)
    {
        var digits = new string(contact.Where(char.IsAsciiDigit).ToArray());
        return Task.FromResult(_accounts.FirstOrDefault(a =>
            string.Equals(a.Email, contact.Trim(), StringComparison.OrdinalIgnoreCase)
            || (digits.Length >= 7 && a.Phone is not null && new string(a.Phone.Where(char.IsAsciiDigit).ToArray()).EndsWith(digits, StringComparison.Ordinal))));
    }
}
