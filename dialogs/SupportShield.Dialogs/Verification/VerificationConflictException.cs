namespace SupportShield.Dialogs.Verification;

/// <summary>
/// A verification record changed between its read and its write (another host sharing the storage, or another writer,
/// got there first): nothing was written. The state machine re-reads and tries again.
/// </summary>
public sealed class VerificationConflictException : Exception
{
    public VerificationConflictException()
    {
    }

    public VerificationConflictException(string message)
        : base(message)
    {
    }

    public VerificationConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
