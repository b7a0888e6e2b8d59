using System.Security.Cryptography;
using System.Text;

namespace SupportShield.Middleware.Security;

/// <summary>
/// HMAC-SHA256 with a secret key: lets audit records and stored codes be compared without keeping the values.
/// </summary>
public sealed class KeyedHasher
{
    private readonly byte[] _key;

    /// <param name="key">At least 32 bytes of secret key.</param>
    public KeyedHasher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The hashing key must be at least 32 bytes.", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>The keyed hash of <paramref name="value"/> in <paramref name="purpose"/> (domain separation), as bytes.</summary>
    public byte[] Hash(string purpose, string value)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(value);
        return HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + "\u001f" + value));
    }

    /// <summary>The keyed hash as lower-case hex.</summary>
    public string HashHex(string purpose, string value) => Convert.ToHexStringLower(Hash(purpose, value));

    /// <summary>Compares a value with a stored hash in constant time.</summary>
    public bool Matches(string purpose, string value, byte[] expectedHash)
    {
        ArgumentNullException.ThrowIfNull(expectedHash);
        return CryptographicOperations.FixedTimeEquals(Hash(purpose, value), expectedHash);
    }
}
