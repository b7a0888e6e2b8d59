namespace SupportShield.Detection.Normalization;

/// <summary>
/// Builds the output of one normalisation stage. Each appended character names the span of the stage's input it came from;
/// the builder composes that with the input's own map so the result always points into the original text.
/// </summary>
internal sealed class MappedTextBuilder
{
    private readonly NormalizedText _input;
    private char[] _chars;
    private int[] _starts;
    private int[] _ends;
    private int _length;

    public MappedTextBuilder(NormalizedText input)
    {
        _input = input;
        var capacity = Math.Max(16, input.Text.Length);
        _chars = new char[capacity];
        _starts = new int[capacity];
        _ends = new int[capacity];
    }

    /// <summary>Appends <paramref name="c"/>, produced by input characters <c>[from, to)</c>.</summary>
    public void Append(char c, int from, int to)
    {
        if (_length == _chars.Length)
        {
            var size = _chars.Length * 2;
            Array.Resize(ref _chars, size);
            Array.Resize(ref _starts, size);
            Array.Resize(ref _ends, size);
        }

        var (start, end) = _input.ToOriginal(from, to);
        _chars[_length] = c;
        _starts[_length] = start;
        _ends[_length] = end;
        _length++;
    }

    /// <summary>Copies input characters <c>[from, to)</c> unchanged.</summary>
    public void Copy(int from, int to)
    {
        var text = _input.Text;
        for (var i = from; i < to; i++)
        {
            Append(text[i], i, i + 1);
        }
    }

    /// <summary>The text built so far with its map to the original.</summary>
    public NormalizedText Build() =>
        NormalizedText.Mapped(_input.Original, new string(_chars, 0, _length), _starts[.._length], _ends[.._length]);
}
