using SupportShield.Detection.Corpus;
using SupportShield.Detection.Engine;

namespace SupportShield.Cli.Scanning;

/// <summary>
/// Parses one JSON line <c>{"id", "text", "role"?, "account"?}</c> with the Detection library's <see cref="CorpusLineParser"/>
/// (shared with the ops console's dry run). A missing role means customer.
/// </summary>
public static class ScanMessageParser
{
    /// <summary>Parses <paramref name="line"/>.</summary>
    /// <exception cref="InputLineException">The line is not valid JSON or does not follow the schema.</exception>
    public static ScanMessage Parse(string line)
    {
        try
        {
            var parsed = CorpusLineParser.Parse(line);
            return new ScanMessage(parsed.Id, parsed.Request);
        }
        catch (CorpusLineException e)
        {
            throw new InputLineException(e.Message, e);
        }
    }

    /// <summary>Parses a role name: customer, agent or bot (case-insensitive).</summary>
    public static bool TryParseRole(string? name, out MessageRole role) => CorpusLineParser.TryParseRole(name, out role);
}
