using SupportShield.Middleware.Accounts;

namespace SupportShield.Middleware.Conversations;

/// <summary>Finds the account a conversation is linked to.</summary>
public sealed class LinkedAccountResolver
{
    private readonly IConversationStore _conversations;
    private readonly IAccountDirectory _accounts;

    public LinkedAccountResolver(IConversationStore conversations, IAccountDirectory accounts)
    {
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _accounts = accounts ?? throw new ArgumentNullException(nameof(accounts));
    }

    /// <summary>The linked account, or null when the conversation is unknown or not linked.</summary>
    public async Task<Account?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        var record = await _conversations.GetAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return record?.AccountId is { } accountId
            ? await _accounts.FindByIdAsync(accountId, cancellationToken).ConfigureAwait(false)
            : null;
    }
}
