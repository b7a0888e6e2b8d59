namespace SupportShield.Detection.Normalization;

/// <summary>Digits spelled as words ("four", "oh", "zero") and the words that repeat the next digit ("double", "triple").</summary>
internal static class DigitWords
{
    /// <summary>The digit <paramref name="word"/> stands for (case-insensitive), or '\0'.</summary>
    public static char Digit(ReadOnlySpan<char> word) => word.Length switch
    {
        1 => Is(word, "o") ? '0' : '\0',
        2 => Is(word, "oh") ? '0' : '\0',
        3 => Is(word, "one") ? '1' : Is(word, "two") ? '2' : Is(word, "six") ? '6' : '\0',
        4 => Is(word, "zero") ? '0' : Is(word, "four") ? '4' : Is(word, "five") ? '5' : Is(word, "nine") ? '9' : '\0',
        5 => Is(word, "three") ? '3' : Is(word, "seven") ? '7' : Is(word, "eight") ? '8' : '\0',
        _ => '\0',
    };

    /// <summary>How many times "double" or "triple" repeats the next digit; 0 for other words.</summary>
    public static int Repeat(ReadOnlySpan<char> word) =>
        Is(word, "double") ? 2 : Is(word, "triple") ? 3 : 0;

    /// <summary>The separator a spelled-out separator word stands for inside a digit run ("dash", "dot"), or '\0'.</summary>
    public static char Separator(ReadOnlySpan<char> word) =>
        Is(word, "dot") || Is(word, "point") ? '.'
        : Is(word, "dash") || Is(word, "hyphen") ? '-'
        : Is(word, "slash") ? '/'
        : '\0';

    private static bool Is(ReadOnlySpan<char> word, string value) => word.Equals(value, StringComparison.OrdinalIgnoreCase);
}
