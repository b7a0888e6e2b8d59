using SupportShield.Detection.Policy;
using System.Security.Cryptography;
using SupportShield.Middleware.Security;
using SupportShield.Middleware.Verification;

namespace SupportShield.Dialogs.Verification;

/// <summary>
/// The rules of verification, apart from the chat: codes issued and stored only as keyed hashes bound to their conversation,
/// compared in constant time, single use, expiring, rate limited per account, locking the account for a while after too
/// many wrong codes, and until ops unlock it after too many failures in a row.
/// </summary>
/// <remarks>
/// Every change runs under one gate, so that parallel attempts (many conversations hammering one account at once) cannot
/// lose an update of the failure counters. The gate is per process; between processes sharing one storage, every record is
/// written with the ETag it was read with (<see cref="VerificationStore"/>), and a change that lost the race is run again
/// on fresh records: a code is consumed once, and no failure is lost, whichever host handles each attempt.
/// </remarks>
#pragma warning disable CA1001 // The gate is a SemaphoreSlim without a wait handle: it holds nothing to dispose, and the machine lives as long as the host.
public sealed class VerificationStateMachine
#pragma warning restore CA1001
{
    /// <summary>How a conversation verified with a code, as stored in <see cref="ConversationVerificationRecord.VerifiedBy"/>.</summary>
    public const string ByCode = "code";

    /// <summary>How a conversation verified with the host page's signed identity token.</summary>
    public const string ByIdentityToken = "identity-token";

    private const string CodePurposePrefix = "verification-code:";
    private const string ContactPurpose = "verification-contact";

    // How often a change that lost a race with another host is run again before the conflict is reported.
    private const int MaxAttempts = 8;

    private readonly VerificationStore _store;
    private readonly KeyedHasher _hasher;
    private readonly IVerificationCodeGenerator _codes;
    private readonly VerificationOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

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

    /// <summary>The conversation's state now. An expired verification reads as None; a locked account as Locked (Until null: ops lock).</summary>
    public async Task<VerificationStatus> GetStatusAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var record = await _store.GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (record.AccountId is { } accountId)
        {
            var account = await _store.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (account.OpsLocked)
            {
                return new VerificationStatus(VerificationState.Locked, accountId, null);
            }

            if (account.LockedUntil > now)
            {
                return new VerificationStatus(VerificationState.Locked, accountId, account.LockedUntil);
            }
        }

        return record.Stage switch
        {
            VerificationStages.Verified when record.VerifiedUntil > now => new VerificationStatus(VerificationState.Verified, record.AccountId, record.VerifiedUntil, LevelOf(record)),
            VerificationStages.CodeSent when record.CodeExpiresAt > now => new VerificationStatus(VerificationState.Pending, record.AccountId, record.CodeExpiresAt),
            VerificationStages.AwaitingContact => new VerificationStatus(VerificationState.Pending, null, null),

            // With an account, the account's lock (above) is the one that counts: an ops unlock ends it at once.
            VerificationStages.Locked when record.AccountId is null && record.LockedUntil > now => new VerificationStatus(VerificationState.Locked, null, record.LockedUntil),
            _ => VerificationStatus.NotStarted,
        };
    }

    /// <summary>
    /// Issues a new code for <paramref name="accountId"/> in this conversation, replacing any earlier one, unless the account
    /// is locked or got <see cref="VerificationOptions.MaxCodesPerWindow"/> codes within <see cref="VerificationOptions.CodeSendWindow"/>.
    /// With a null account (the contact the customer gave matched nothing) the conversation waits for a code that can never
    /// match, so that the customer sees the same thing either way; <paramref name="unmatchedContact"/> is then rate limited
    /// like an account, for the same reason.
    /// </summary>
    public Task<IssuedCode> IssueCodeAsync(
        string conversationId,
        string? accountId,
        VerificationFactor? factor = null,
        string? unmatchedContact = null,
        CancellationToken cancellationToken = default) =>
        UnderGateAsync(async () =>
        {
            var now = _time.GetUtcNow();
            var record = await _store.GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
            var rateKey = accountId ?? (unmatchedContact is null ? null : ContactKey(unmatchedContact));
            if (accountId is null && record.Stage == VerificationStages.Locked && record.LockedUntil > now)
            {
                return new IssuedCode(IssueOutcome.Locked, null, now, record.LockedUntil);
            }

            AccountVerificationLockRecord? account = null;
            if (rateKey is not null)
            {
                account = await _store.GetAccountAsync(rateKey, cancellationToken).ConfigureAwait(false);
                if (account.OpsLocked)
                {
                    return new IssuedCode(IssueOutcome.OpsLocked, null, now, null);
                }

                if (account.LockedUntil > now)
                {
                    return new IssuedCode(IssueOutcome.Locked, null, now, account.LockedUntil);
                }

                if (!TryTakeSendSlot(account, now, out var retryAt))
                {
                    return new IssuedCode(IssueOutcome.RateLimited, null, now, retryAt);
                }
            }

            var code = _codes.NewCode();
            var expires = now + _options.CodeLifetime;
            record.Stage = VerificationStages.CodeSent;
            record.AccountId = accountId;
            record.Factor = accountId is null ? null : factor ?? VerificationFactor.Email;
            record.CodeHash = accountId is null
                ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
                : Convert.ToBase64String(_hasher.Hash(CodePurposePrefix + conversationId, code));
            record.CodeExpiresAt = expires;
            record.VerifiedUntil = null;
            record.VerifiedBy = null;

            // The send slot and the new code are one write: a lost race with another host takes neither.
            await _store.SaveAsync(conversationId, record, rateKey, account, cancellationToken).ConfigureAwait(false);
            return new IssuedCode(IssueOutcome.Issued, accountId is null ? string.Empty : code, expires, null);
        });

    /// <summary>Marks the conversation as waiting for the customer to give the email or phone on their account.</summary>
    public Task AwaitContactAsync(string conversationId, CancellationToken cancellationToken = default) =>
        UnderGateAsync(async () =>
        {
            var record = await _store.GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
            record.Stage = VerificationStages.AwaitingContact;
            record.AccountId = null;
            record.CodeHash = null;
            record.CodeExpiresAt = null;
            record.Factor = null;
            await _store.SaveConversationAsync(conversationId, record, cancellationToken).ConfigureAwait(false);
            return true;
        });

    /// <summary>Forgets any code or pending step of the conversation (a failed send leaves nothing waiting).</summary>
    public Task ResetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        UnderGateAsync(async () =>
        {
            var record = await _store.GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
            record.Stage = VerificationStages.None;
            record.CodeHash = null;
            record.CodeExpiresAt = null;
            record.Factor = null;
            await _store.SaveConversationAsync(conversationId, record, cancellationToken).ConfigureAwait(false);
            return true;
        });

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

    /// <summary>The account and factor of the code awaited in the conversation (account null when the contact matched none).</summary>
    public async Task<(string? AccountId, VerificationFactor? Factor)> GetPendingCodeAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var record = await _store.GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return record.Stage == VerificationStages.CodeSent ? (record.AccountId, record.Factor) : (null, null);
    }

    /// <summary>Checks a code typed in the conversation. A code verifies once: afterwards it is gone.</summary>
    public Task<CodeCheckResult> CheckCodeAsync(string conversationId, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        return UnderGateAsync(async () =>
        {
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
                if (account.OpsLocked || account.LockedUntil > now)
                {
                    return new CodeCheckResult(CodeCheckOutcome.Locked, LockedUntil: account.OpsLocked ? null : account.LockedUntil, AccountId: accountId);
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
            if (record.AccountId is not null && account is not null && _hasher.Matches(CodePurposePrefix + conversationId, code, expected))
            {
                await MarkVerifiedAsync(conversationId, record, record.AccountId, account, ByCode, now, cancellationToken).ConfigureAwait(false);
                return new CodeCheckResult(CodeCheckOutcome.Verified, AccountId: record.AccountId);
            }

            return await RecordWrongCodeAsync(conversationId, record, account, now, cancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// Verifies the conversation for <paramref name="accountId"/> without a code, on the host page's signed identity token.
    /// Refused (Locked) while the account's verification is locked; any pending code is dropped.
    /// </summary>
    public Task<CodeCheckResult> VerifyByIdentityAsync(string conversationId, string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return UnderGateAsync(async () =>
        {
            var now = _time.GetUtcNow();
            var account = await _store.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (account.OpsLocked || account.LockedUntil > now)
            {
                return new CodeCheckResult(CodeCheckOutcome.Locked, LockedUntil: account.OpsLocked ? null : account.LockedUntil, AccountId: accountId);
            }

            var record = await _store.GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
            await MarkVerifiedAsync(conversationId, record, accountId, account, ByIdentityToken, now, cancellationToken).ConfigureAwait(false);
            return new CodeCheckResult(CodeCheckOutcome.Verified, AccountId: accountId);
        });
    }

    /// <summary>
    /// Ends every lock of the account's verification (the ops lock after too many failures in a row and the temporary one)
    /// and clears its failure counts. Codes sent stay counted for the rate limit. Returns false when nothing was locked.
    /// </summary>
    public Task<bool> UnlockAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return UnderGateAsync(async () =>
        {
            var now = _time.GetUtcNow();
            var account = await _store.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            var wasLocked = account.OpsLocked || account.LockedUntil > now;
            account.OpsLocked = false;
            account.OpsLockedAt = null;
            account.LockedUntil = null;
            account.WrongCodes = 0;
            account.ConsecutiveFailures = 0;
            await _store.SaveAccountAsync(accountId, account, cancellationToken).ConfigureAwait(false);
            return wasLocked;
        });
    }

    /// <summary>True when the account's chat verification waits for an ops unlock.</summary>
    public async Task<bool> IsOpsLockedAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return (await _store.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false)).OpsLocked;
    }

    /// <summary>The rate-limit key of a typed contact: a keyed hash of its comparable form (email lower case, phone digits).</summary>
    internal string ContactKey(string contact)
    {
        var trimmed = contact.Trim();
        string normalized;
        if (trimmed.Contains('@', StringComparison.Ordinal))
        {
            normalized = trimmed.ToUpperInvariant();
        }
        else
        {
            normalized = string.Concat(trimmed.Where(char.IsAsciiDigit));
            if (normalized.Length == 11 && normalized[0] == '1')
            {
                normalized = normalized[1..];
            }
        }

        return "contact:" + Convert.ToBase64String(_hasher.Hash(ContactPurpose, normalized)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private bool TryTakeSendSlot(AccountVerificationLockRecord account, DateTimeOffset now, out DateTimeOffset retryAt)
    {
        var windowStart = now - _options.CodeSendWindow;
        for (var i = account.CodesSentAt.Count - 1; i >= 0; i--)
        {
            if (account.CodesSentAt[i] <= windowStart)
            {
                account.CodesSentAt.RemoveAt(i);
            }
        }

        if (account.CodesSentAt.Count >= _options.MaxCodesPerWindow)
        {
            retryAt = account.CodesSentAt.Min() + _options.CodeSendWindow;
            return false;
        }

        account.CodesSentAt.Add(now);
        retryAt = now;
        return true;
    }

    private async Task MarkVerifiedAsync(
        string conversationId,
        ConversationVerificationRecord record,
        string accountId,
        AccountVerificationLockRecord account,
        string verifiedBy,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // The code hash goes: the code cannot verify again, not even within its lifetime.
        record.Stage = VerificationStages.Verified;
        record.AccountId = accountId;
        record.CodeHash = null;
        record.CodeExpiresAt = null;
        if (verifiedBy == ByIdentityToken)
        {
            // The factor stays for a code, so that the policy knows which step-up level was reached.
            record.Factor = null;
        }

        record.VerifiedBy = verifiedBy;
        record.VerifiedUntil = now + _options.VerifiedDuration;
        var resetAccount = account.WrongCodes > 0 || account.ConsecutiveFailures > 0;
        account.WrongCodes = 0;
        account.ConsecutiveFailures = 0;
        await _store.SaveAsync(conversationId, record, resetAccount ? accountId : null, resetAccount ? account : null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CodeCheckResult> RecordWrongCodeAsync(
        string conversationId,
        ConversationVerificationRecord record,
        AccountVerificationLockRecord? account,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        int wrong;
        var opsLockedNow = false;
        if (account is not null && record.AccountId is not null)
        {
            wrong = ++account.WrongCodes;
            account.ConsecutiveFailures++;
            if (account.ConsecutiveFailures >= _options.MaxConsecutiveFailures)
            {
                account.OpsLocked = true;
                account.OpsLockedAt = now;
                opsLockedNow = true;
            }

            if (wrong >= _options.MaxWrongCodes)
            {
                account.WrongCodes = 0;
                account.LockedUntil = now + _options.LockoutDuration;
            }
        }
        else
        {
            wrong = ++record.WrongCodes;
        }

        // The account's count and the conversation are one write: a guess that lost a race with another host counts once, when re-run.
        if (wrong < _options.MaxWrongCodes && !opsLockedNow)
        {
            await _store.SaveAsync(conversationId, record, record.AccountId, account, cancellationToken).ConfigureAwait(false);
            return new CodeCheckResult(CodeCheckOutcome.Wrong, _options.MaxWrongCodes - wrong, AccountId: record.AccountId);
        }

        var until = now + _options.LockoutDuration;
        record.Stage = VerificationStages.Locked;
        record.CodeHash = null;
        record.WrongCodes = 0;
        record.LockedUntil = until;
        await _store.SaveAsync(conversationId, record, record.AccountId, account, cancellationToken).ConfigureAwait(false);
        return opsLockedNow
            ? new CodeCheckResult(CodeCheckOutcome.OpsLockedNow, 0, null, record.AccountId)
            : new CodeCheckResult(CodeCheckOutcome.LockedNow, 0, until, record.AccountId);
    }

    private async Task<T> UnderGateAsync<T>(Func<Task<T>> action)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await action().ConfigureAwait(false);
                }
                catch (VerificationConflictException) when (attempt < MaxAttempts)
                {
                    // Another host changed a record first: decide again on what is stored now.
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The step-up level a verified conversation reached: the identity token, or the factor its code went by.</summary>
    private static string LevelOf(ConversationVerificationRecord record) =>
        record.VerifiedBy == ByIdentityToken ? VerificationLevels.ChannelIdentity
        : record.Factor == VerificationFactor.Sms ? VerificationLevels.SmsCode
        : VerificationLevels.EmailCode;
}
