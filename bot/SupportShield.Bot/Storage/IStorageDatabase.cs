namespace SupportShield.Bot.Storage;

/// <summary>The database behind the stores, whichever the provider: where it is, whether it answers, and its secrets.</summary>
public interface IStorageDatabase
{
    /// <summary>Where the data is, for messages (a file path, or a PostgreSQL host and database; never a password).</summary>
    string Description { get; }

    /// <summary>Runs a query against the database and returns its schema version; throws when the database does not answer.</summary>
    Task<int> ProbeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The secret stored under <paramref name="name"/>; when there is none, stores <paramref name="create"/>'s value first.
    /// Every caller, in any process sharing the database, gets the same value. Synchronous: needed while services are built.
    /// </summary>
    byte[] GetOrAddSecret(string name, Func<byte[]> create);
}
