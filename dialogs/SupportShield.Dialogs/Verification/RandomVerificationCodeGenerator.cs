using System.Globalization;
using System.Security.Cryptography;

namespace SupportShield.Dialogs.Verification;

/// <summary>Codes of <see cref="VerificationCode.Length"/> digits from the operating system's cryptographic random number generator.</summary>
public sealed class RandomVerificationCodeGenerator : IVerificationCodeGenerator
{
    /// <inheritdoc />
    public string NewCode() =>
        RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
}
