using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportShield.Cli.Load;

/// <summary>The tag each load message carries, so that every arrival can be matched to the message sent.</summary>
public static partial class LoadMarker
{
    /// <summary>
    /// The tag of round <paramref name="round"/> of conversation <paramref name="conversation"/>, by <paramref name="sender"/>
    /// (c or a). Numbers are written in letters (0 = a, 25 = z, 26 = ba…): the agent's view masks digits in customer
    /// lines, and a tag must survive that to be counted.
    /// </summary>
    public static string For(char sender, int conversation, int round) =>
        string.Create(CultureInfo.InvariantCulture, $"[load {sender} {Letters(conversation)} {Letters(round)}]");

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

    private static string Letters(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        var letters = new Stack<char>();
        do
        {
            letters.Push((char)('a' + (number % 26)));
            number /= 26;
        }
        while (number > 0);
        return new string([.. letters]);
    }

    [GeneratedRegex(@"\[load [ca] [a-z]+ [a-z]+\]", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
