using SupportShield.Cli.Arguments;
using SupportShield.Detection.Rules;

namespace SupportShield.Cli.Commands;

/// <summary><c>supportshield rules validate FILE</c>: checks a rules file without running anything.</summary>
public sealed class RulesCommand : ICommand
{
    private static readonly string[] Flags = [];
    private static readonly string[] ValueOptions = [];

    /// <inheritdoc />
    public string Name => "rules";

    /// <inheritdoc />
    public string Summary => "validate a detection rules file";

    /// <inheritdoc />
    public string Help => """
        Usage: supportshield rules validate FILE

        Checks a detection rules file and reports every problem with its line and column.
        Exit code 0 when the file is valid, 1 when it is not, 2 when it cannot be read.

        Options:
          -h, --help   show this help
        """;

    /// <inheritdoc />
    public int Execute(IReadOnlyList<string> args, CommandIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var parsed = ParsedArguments.Parse(args, Flags, ValueOptions);
        if (parsed.HelpRequested)
        {
            io.Out.WriteLine(Help);
            return ExitCodes.Success;
        }

        if (parsed.Positionals.Count == 0 || parsed.Positionals[0] != "validate")
        {
            throw new UsageException(parsed.Positionals.Count == 0 ? "missing sub-command: validate" : $"unknown sub-command '{parsed.Positionals[0]}' (expected validate)");
        }

        if (parsed.Positionals.Count < 2)
        {
            throw new UsageException("missing the rules file to validate");
        }

        if (parsed.Positionals.Count > 2)
        {
            throw new UsageException($"unexpected argument '{parsed.Positionals[2]}'");
        }

        var path = parsed.Positionals[1];
        RulesLoadResult result;
        try
        {
            result = RulesLoader.LoadFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the rules file {path}: {ex.Message}");
        }

        // The same loader as --rules and the bot host, so validate, scan and the running bot can never disagree.
        io.Out.WriteLine(result.Describe());
        if (result.Succeeded)
        {
            var rules = result.Rules;
            io.Out.WriteLine($"  {rules.PolicyTable.Rules.Count} policy rows, {rules.File.Recognizers.Count} custom recognizers, {rules.File.Deny.Count} deny terms");
        }

        return result.Succeeded ? ExitCodes.Success : ExitCodes.MalformedInput;
    }
}
