namespace SupportShield.Detection.Corpus;

/// <summary>A corpus line that is not a valid message; the message says why without quoting the line.</summary>
public sealed class CorpusLineException : Exception
{
    public CorpusLineException()
    {
    }

    public CorpusLineException(string message)
        : base(message)
    {
    }

    public CorpusLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
