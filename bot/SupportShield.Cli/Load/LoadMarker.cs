using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportShield.Cli.Load;

/// <summary>The tag each load message carries, so that every arrival can be matched to the message sent.</summary>
public static partial class LoadMarker
{
    /// <summary>
    /// The tag of round <paramref name="round"/> of conversation <paramref name="conversation"/>, by <paramref name="sender"/>
    /// (c or a). Numbers are written in the letters j, k, q, v, x, z (0 = j, 5 = z, 6 = kj…): the agent's view masks
    /// digits and anything that looks like personal data or a secret in customer lines ("pw", "pin"…), and a tag must
    /// survive that to be counted; words made of those six letters look like nothing.
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
            letters.Push(Alphabet[number % Alphabet.Length]);
            number /= Alphabet.Length;
        }
        while (number > 0);
        return new string([.. letters]);
    }

    private const string Alphabet = "jkqvxz";

    [GeneratedRegex(@"\[load [ca] [jkqvxz]+ [jkqvxz]+\]", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
