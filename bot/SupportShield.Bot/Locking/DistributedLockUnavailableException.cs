namespace SupportShield.Bot.Locking;

/// <summary>The lock store (Redis) could not be reached, or the lock was not had in time; the message names no key.</summary>
public sealed class DistributedLockUnavailableException : Exception
{
    public DistributedLockUnavailableException()
    {
    }

    public DistributedLockUnavailableException(string message)
        : base(message)
    {
    }

    public DistributedLockUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
