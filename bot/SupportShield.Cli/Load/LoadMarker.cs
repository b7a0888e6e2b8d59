using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportShield.Cli.Load;

/// <summary>The tag each load message carries, so that every arrival can be matched to the message sent.</summary>
public static partial class LoadMarker
{
    /// <summary>The tag of round <paramref name="round"/> of conversation <paramref name="conversation"/>, by <paramref name="sender"/> (c or a).</summary>
    public static string For(char sender, int conversation, int round) =>
        string.Create(CultureInfo.InvariantCulture, $"[load {sender}{conversation}.{round}]");

    /// <summary>The tag in <paramref name="text"/>, or null.</summary>
    public static string? Find(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var match = Tag().Match(text);
        return match.Success ? match.Value : null;
    }

    [GeneratedRegex(@"\[load [ca]\d+\.\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
