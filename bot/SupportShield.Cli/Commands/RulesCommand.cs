using SupportShield.Cli.Arguments;
using SupportShield.Cli.Engine;

namespace SupportShield.Cli.Commands;

/// <summary><c>supportshield rules validate FILE</c>: checks a rules file without running anything.</summary>
public sealed class RulesCommand : ICommand
{
    private static readonly string[] Flags = [];
    private static readonly string[] ValueOptions = [];

    /// <inheritdoc />
    public string Name => "rules";

    /// <inheritdoc />
    public string Summary => "validate a detection rules file (not supported yet)";

    /// <inheritdoc />
    public string Help => """
        Usage: supportshield rules validate FILE

        Checks a detection rules file and reports every problem with its location.
        Rules files are not supported yet: the command exits with code 2.

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

        // Building the engine is the validation: the same path as --rules, so validate and scan can never disagree.
        EngineFactory.Create(new EngineOptions(parsed.Positionals[1]));
        io.Out.WriteLine($"{parsed.Positionals[1]}: valid");
        return ExitCodes.Success;
    }
}
