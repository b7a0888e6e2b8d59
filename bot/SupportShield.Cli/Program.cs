using System.Text;
using SupportShield.Cli.Arguments;
using SupportShield.Cli.Commands;

namespace SupportShield.Cli;

/// <summary>The <c>supportshield</c> command: entry point and dispatch to its sub-commands.</summary>
public static class Program
{
    private static readonly ICommand[] Commands = [new ScanCommand(), new ExplainCommand(), new EvalCommand(), new RulesCommand(), new BenchCommand(), new LoadCommand(), new AuditCommand()];

    /// <summary>Runs with the console's streams, in UTF-8.</summary>
    public static int Main(string[] args)
    {
        var utf8 = new UTF8Encoding(false);
        Console.OutputEncoding = utf8;
        using var stdin = new StreamReader(Console.OpenStandardInput(), utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8, bufferSize: 1 << 16) { AutoFlush = false };
        using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
        return Run(args, stdin, stdout, stderr, flushEachLine: !Console.IsInputRedirected);
    }

    /// <summary>Runs the command in-process with the given streams and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdin, stdout, stderr, flushEachLine: false);

    private static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool flushEachLine)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0)
        {
            stderr.Write(Usage());
            return ExitCodes.Usage;
        }

        if (args[0] is "-h" or "--help" or "help")
        {
            stdout.Write(Usage());
            stdout.Flush();
            return ExitCodes.Success;
        }

        var command = Array.Find(Commands, c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"supportshield: unknown command '{args[0]}'");
            stderr.Write(Usage());
            return ExitCodes.Usage;
        }

        try
        {
            return command.Execute(args[1..], new CommandIo(stdin, stdout, stderr, flushEachLine));
        }
        catch (UsageException e)
        {
            stdout.Flush();
            stderr.WriteLine($"supportshield {command.Name}: {e.Message}");
            stderr.WriteLine($"Run 'supportshield {command.Name} --help' for usage.");
            return ExitCodes.Usage;
        }
    }

    private static string Usage()
    {
        var b = new StringBuilder();
        b.AppendLine("Usage: supportshield <command> [options]");
        b.AppendLine();
        b.AppendLine("Commands:");
        foreach (var command in Commands)
        {
            b.AppendLine($"  {command.Name,-8} {command.Summary}");
        }

        b.AppendLine();
        b.AppendLine("Run 'supportshield <command> --help' for a command's options.");
        b.AppendLine("Exit codes: 0 success, 1 some input lines were malformed (the rest was processed), 2 bad arguments.");
        return b.ToString();
    }
}
