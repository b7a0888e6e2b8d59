namespace SupportShield.Cli.Commands;

/// <summary>One sub-command of <c>supportshield</c>.</summary>
public interface ICommand
{
    /// <summary>The word that selects it, for example <c>scan</c>.</summary>
    string Name { get; }

    /// <summary>One line for the overall help.</summary>
    string Summary { get; }

    /// <summary>The full help text.</summary>
    string Help { get; }

    /// <summary>Runs the command on the arguments after its name and returns the exit code.</summary>
    /// <exception cref="Arguments.UsageException">Bad arguments (exit code 2).</exception>
    int Execute(IReadOnlyList<string> args, CommandIo io);
}
