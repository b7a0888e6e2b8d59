namespace SupportShield.Middleware.AccountProtection;

/// <summary>Told about account activity in chats, for example to notify the account's owner.</summary>
public interface IAccountActivityObserver
{
    /// <summary>Handles <paramref name="activity"/>. Must not throw for delivery problems: a notice is best effort.</summary>
    Task OnActivityAsync(AccountActivity activity, CancellationToken cancellationToken = default);
}
