using SupportShield.Cli.Arguments;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Rules;

namespace SupportShield.Cli.Engine;

/// <summary>Builds the detection engine from the command line's options: the one place every command gets its engine.</summary>
public static class EngineFactory
{
    /// <summary>The option that names a rules file.</summary>
    public const string RulesOption = "--rules";

    /// <summary>Reads the engine options from parsed arguments.</summary>
    public static EngineOptions OptionsFrom(ParsedArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new EngineOptions(args.Value(RulesOption));
    }

    /// <summary>The engine for <paramref name="options"/>: the rules file it names, or the bundled default rules.</summary>
    /// <exception cref="UsageException">The rules file cannot be read or is not valid; the message lists every problem with its line.</exception>
    public static DetectionEngine Create(EngineOptions options) => LoadRules(options).CreateEngine();

    /// <summary>The rules for <paramref name="options"/>, validated.</summary>
    /// <exception cref="UsageException">The rules file cannot be read or is not valid.</exception>
    public static CompiledRules LoadRules(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RulesPath is null)
        {
            return RulesLoader.LoadDefault();
        }

        RulesLoadResult result;
        try
        {
            result = RulesLoader.LoadFile(options.RulesPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the rules file {options.RulesPath}: {ex.Message}");
        }

        return result.Succeeded ? result.Rules : throw new UsageException(result.Describe());
    }
}
