using SupportShield.Middleware.Security;
using SupportShield.Middleware.Verification;

namespace SupportShield.Dialogs.Verification;

/// <summary>
/// The rules of verification, apart from the chat: codes issued and stored only as keyed hashes bound to their conversation,
/// compared in constant time, expiring, and locking the account after too many wrong codes.
/// </summary>
public sealed class VerificationStateMachine
{
    private const string CodePurposePrefix = "verification-code:";

    private readonly VerificationStore _store;
    private readonly KeyedHasher _hasher;
    private readonly IVerificationCodeGenerator _codes;
    private readonly VerificationOptions _options;
    private readonly TimeProvider _time;

    public VerificationStateMachine(VerificationStore store, KeyedHasher hasher, IVerificationCodeGenerator codes, VerificationOptions options, TimeProvider time)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _hasher = hasher ?? throw new ArgumentNullException(nameof(hasher));
        _codes = codes ?? throw new ArgumentNullException(nameof(codes));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The options in force.</summary>
    public VerificationOptions Options => _options;

    /// <summary>The conversation's state now. An expired verification reads as None; a locked account as Locked.</summary>
    public async Task<VerificationStatus> GetStatusAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var record = await _store.GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (record.AccountId is { } accountId)
        {
            var account = await _store.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (account.LockedUntil > now)
            {
                return new VerificationStatus(VerificationState.Locked, accountId, account.LockedUntil);
            }
        }

        return record.Stage switch
        {
            VerificationStages.Verified when record.VerifiedUntil > now => new VerificationStatus(VerificationState.Verified, record.AccountId, record.VerifiedUntil),
            VerificationStages.CodeSent when record.CodeExpiresAt > now => new VerificationStatus(VerificationState.Pending, record.AccountId, record.CodeExpiresAt),
            VerificationStages.AwaitingContact => new VerificationStatus(VerificationState.Pending, null, null),
            VerificationStages.Locked when record.LockedUntil > now => new VerificationStatus(VerificationState.Locked, record.AccountId, record.LockedUntil),
            _ => VerificationStatus.NotStarted,
        };
    }

    /// <summary>
    /// Issues a new code for <paramref name="accountId"/> in this conversation, replacing any earlier one. With a null account
    /// (the contact the customer gave matched nothing) the conversation waits for a code that can never match, so that the
    /// customer sees the same thing either way.
    /// </summary>
    public async Task<IssuedCode> IssueCodeAsync(string conversationId, string? accountId, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var record = await _store.GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (accountId is not null)
        {
            var account = await _store.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (account.LockedUntil > now)
            {
                return new IssuedCode(null, now, account.LockedUntil);
            }
        }
        else if (record.Stage == VerificationStages.Locked && record.LockedUntil > now)
        {
            return new IssuedCode(null, now, record.LockedUntil);
        }

        var code = _codes.NewCode();
        var expires = now + _options.CodeLifetime;
        record.Stage = VerificationStages.CodeSent;
        record.AccountId = accountId;
        record.CodeHash = accountId is null
            ? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
            : Convert.ToBase64String(_hasher.Hash(CodePurposePrefix + conversationId, code));
        record.CodeExpiresAt = expires;
        record.VerifiedUntil = null;
        await _store.SaveConversationAsync(conversationId, record, cancellationToken).ConfigureAwait(false);
        return new IssuedCode(accountId is null ? string.Empty : code, expires, null);
    }

    /// <summary>Marks the conversation as waiting for the customer to give the email or phone on their account.</summary>
    public async Task AwaitContactAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var record = await _store.GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
        record.Stage = VerificationStages.AwaitingContact;
        record.AccountId = null;
        record.CodeHash = null;
        record.CodeExpiresAt = null;
        await _store.SaveConversationAsync(conversationId, record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets any code or pending step of the conversation (a failed send leaves nothing waiting).</summary>
    public async Task ResetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var record = await _store.GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
        record.Stage = VerificationStages.None;
        record.CodeHash = null;
        record.CodeExpiresAt = null;
        await _store.SaveConversationAsync(conversationId, record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the conversation waits for the customer's contact on file.</summary>
    public async Task<bool> IsAwaitingContactAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var record = await _store.GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return record.Stage == VerificationStages.AwaitingContact;
    }

    /// <summary>True when a code is awaited (sent and not expired, or expired but not yet answered).</summary>
    public async Task<bool> IsAwaitingCodeAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var record = await _store.GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return record.Stage == VerificationStages.CodeSent;
    }

    /// <summary>Checks a code typed in the conversation.</summary>
    public async Task<CodeCheckResult> CheckCodeAsync(string conversationId, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var now = _time.GetUtcNow();
        var record = await _store.GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (record.Stage != VerificationStages.CodeSent || record.CodeHash is null)
        {
            return new CodeCheckResult(record.Stage == VerificationStages.Locked && record.LockedUntil > now ? CodeCheckOutcome.Locked : CodeCheckOutcome.NotPending, LockedUntil: record.LockedUntil);
        }

        AccountVerificationLockRecord? account = null;
        if (record.AccountId is { } accountId)
        {
            account = await _store.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (account.LockedUntil > now)
            {
                return new CodeCheckResult(CodeCheckOutcome.Locked, LockedUntil: account.LockedUntil, AccountId: accountId);
            }
        }

        if (record.CodeExpiresAt <= now)
        {
            record.Stage = VerificationStages.None;
            record.CodeHash = null;
            await _store.SaveConversationAsync(conversationId, record, cancellationToken).ConfigureAwait(false);
            return new CodeCheckResult(CodeCheckOutcome.Expired, AccountId: record.AccountId);
        }

        var expected = Convert.FromBase64String(record.CodeHash);
        if (record.AccountId is not null && _hasher.Matches(CodePurposePrefix + conversationId, code, expected))
        {
            record.Stage = VerificationStages.Verified;
            record.CodeHash = null;
            record.CodeExpiresAt = null;
            record.VerifiedUntil = now + _options.VerifiedDuration;
            await _store.SaveConversationAsync(conversationId, record, cancellationToken).ConfigureAwait(false);
            if (account is not null && account.WrongCodes > 0)
            {
                account.WrongCodes = 0;
                await _store.SaveAccountAsync(record.AccountId, account, cancellationToken).ConfigureAwait(false);
            }

            return new CodeCheckResult(CodeCheckOutcome.Verified, AccountId: record.AccountId);
        }

        return await RecordWrongCodeAsync(conversationId, record, account, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CodeCheckResult> RecordWrongCodeAsync(
        string conversationId,
        ConversationVerificationRecord record,
        AccountVerificationLockRecord? account,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        int wrong;
        if (account is not null && record.AccountId is not null)
        {
            wrong = ++account.WrongCodes;
            if (wrong >= _options.MaxWrongCodes)
            {
                account.WrongCodes = 0;
                account.LockedUntil = now + _options.LockoutDuration;
            }

            await _store.SaveAccountAsync(record.AccountId, account, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            wrong = ++record.WrongCodes;
        }

        if (wrong < _options.MaxWrongCodes)
        {
            await _store.SaveConversationAsync(conversationId, record, cancellationToken).ConfigureAwait(false);
            return new CodeCheckResult(CodeCheckOutcome.Wrong, _options.MaxWrongCodes - wrong, AccountId: record.AccountId);
        }

        var until = now + _options.LockoutDuration;
        record.Stage = VerificationStages.Locked;
        record.CodeHash = null;
        record.WrongCodes = 0;
        record.LockedUntil = until;
        await _store.SaveConversationAsync(conversationId, record, cancellationToken).ConfigureAwait(false);
        return new CodeCheckResult(CodeCheckOutcome.LockedNow, 0, until, record.AccountId);
    }
}
