namespace SupportShield.Cli.Scanning;

/// <summary>An input line that is not a valid message; reported with its line number and skipped.</summary>
public sealed class InputLineException : Exception
{
    public InputLineException()
    {
    }

    public InputLineException(string message)
        : base(message)
    {
    }

    public InputLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
