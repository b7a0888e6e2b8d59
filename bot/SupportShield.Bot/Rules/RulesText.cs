using System.Security.Cryptography;
using System.Text;

namespace SupportShield.Bot.Rules;

/// <summary>Helpers over the text of a rules file.</summary>
public static class RulesText
{
    /// <summary>The SHA-256 of <paramref name="text"/> (UTF-8), lower-case hex: the version of a rules text.</summary>
    public static string Sha256(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
