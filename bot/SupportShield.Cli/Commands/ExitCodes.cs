namespace SupportShield.Cli.Commands;

/// <summary>The exit codes of <c>supportshield</c>.</summary>
public static class ExitCodes
{
    /// <summary>Done; every input line was read.</summary>
    public const int Success = 0;

    /// <summary>Done, but some input lines were malformed and skipped (each reported on stderr with its line number).</summary>
    public const int MalformedInput = 1;

    /// <summary>Bad arguments, a missing file or an unsupported option; nothing was processed.</summary>
    public const int Usage = 2;

    /// <summary><c>load</c>: the run measured nothing worth reporting: no host instance could be reached, all stopped answering, or none accepted a message.</summary>
    public const int RunFailed = 3;
}
