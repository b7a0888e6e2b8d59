using System.Text;
using SupportShield.Cli.Arguments;

namespace SupportShield.Cli.Commands;

/// <summary>Opens corpus files named on the command line as UTF-8 readers.</summary>
public static class CorpusFiles
{
    /// <summary>A reader for <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">The file does not exist or cannot be read.</exception>
    public static StreamReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}", e);
        }
    }
}
