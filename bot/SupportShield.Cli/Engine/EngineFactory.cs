using SupportShield.Cli.Arguments;
using SupportShield.Detection.Engine;

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

    /// <summary>The engine for <paramref name="options"/>.</summary>
    /// <exception cref="UsageException">The options cannot be honoured (a rules file, until rules files are supported).</exception>
    public static DetectionEngine Create(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RulesPath is not null)
        {
            // The rules loader (SupportShield.Detection.Rules) is being written separately; until it is merged, say so plainly
            // rather than run with the defaults and let the user believe their rules were applied.
            throw new UsageException($"rules files are not supported yet ({options.RulesPath}); run without --rules to use the built-in rules");
        }

        return DetectionEngine.CreateDefault();
    }
}
