namespace SupportShield.Middleware.Accounts;

/// <summary>Looks up customer accounts. The source of truth for contact details on file.</summary>
public interface IAccountDirectory
{
    /// <summary>The account with this id, or null.</summary>
    Task<Account?> FindByIdAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>The account whose email (case-insensitive) or phone (digits compared, country code optional) equals <paramref name="contact"/>, or null.</summary>
    Task<Account?> FindByContactAsync(string contact, CancellationToken cancellationToken = default);
}
