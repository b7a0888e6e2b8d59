using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Storage;

namespace SupportShield.Bot.Security;

/// <summary>
/// Decides the key <see cref="SupportShield.Middleware.Security.KeyedHasher"/> uses: the configured
/// <c>SupportShield:Security:HashKey</c>, or else a random key generated once and kept in the database.
/// </summary>
public sealed class HashKeySource
{
    /// <summary>The name of the generated key in the database's secrets table.</summary>
    public const string SecretName = "hash-key";

    private readonly IOptions<SecurityOptions> _options;
    private readonly IStorageDatabase _database;

    public HashKeySource(IOptions<SecurityOptions> options, IStorageDatabase database)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _database = database ?? throw new ArgumentNullException(nameof(database));
    }

    /// <summary>The key bytes. Throws when the configured or stored key is unusable: hashing with a weak key would be silent harm.</summary>
    public byte[] GetKey()
    {
        var configured = _options.Value.HashKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            // Validated at start-up too; checked again so that a host without ValidateOnStart still fails closed.
            var result = new SecurityOptionsValidator().Validate(null, _options.Value);
            if (result.Failed || !SecurityOptionsValidator.TryDecode(configured, out var key))
            {
                throw new OptionsValidationException(SecurityOptions.SectionName, typeof(SecurityOptions), [result.FailureMessage ?? "SupportShield:Security:HashKey is invalid."]);
            }

            return key;
        }

        var stored = _database.GetOrAddSecret(SecretName, () => RandomNumberGenerator.GetBytes(SecurityOptions.MinimumKeyBytes));
        if (stored.Length < SecurityOptions.MinimumKeyBytes)
        {
            throw new InvalidOperationException(
                $"The hash key stored in '{_database.Description}' (secrets table, '{SecretName}') is shorter than {SecurityOptions.MinimumKeyBytes} bytes; the database is damaged.");
        }

        return stored;
    }
}
