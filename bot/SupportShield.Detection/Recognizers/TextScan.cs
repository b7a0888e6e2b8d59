namespace SupportShield.Detection.Recognizers;

/// <summary>Cheap checks that let a recognizer skip a text that cannot hold its kind of value.</summary>
internal static class TextScan
{
    /// <summary>True when <paramref name="text"/> holds at least <paramref name="count"/> ASCII digits.</summary>
    public static bool HasDigits(string text, int count)
    {
        var span = text.AsSpan();
        var first = span.IndexOfAnyInRange('0', '9');
        if (first < 0 || span.Length - first < count)
        {
            return false;
        }

        var seen = 0;
        foreach (var c in span[first..])
        {
            if (char.IsAsciiDigit(c) && ++seen >= count)
            {
                return true;
            }
        }

        return false;
    }
}
