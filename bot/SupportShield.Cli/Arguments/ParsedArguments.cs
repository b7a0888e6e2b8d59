using System.Globalization;

namespace SupportShield.Cli.Arguments;

/// <summary>
/// The arguments of one command: positionals, flags and options with a value (<c>--name value</c> or <c>--name=value</c>).
/// <c>-h</c> and <c>--help</c> are always known; <c>--</c> ends the options.
/// </summary>
public sealed class ParsedArguments
{
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    private ParsedArguments()
    {
    }

    /// <summary>Positional arguments in order.</summary>
    public IReadOnlyList<string> Positionals => _positionals;

    /// <summary>True when <c>-h</c> or <c>--help</c> was given.</summary>
    public bool HelpRequested { get; private set; }

    /// <summary>Parses <paramref name="args"/> against the known flags and value options (names with their dashes).</summary>
    /// <exception cref="UsageException">An unknown option, a missing value or a repeated option.</exception>
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> valueOptions)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(valueOptions);
        var parsed = new ParsedArguments();
        var optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || arg.Length < 2 || arg[0] != '-' || IsNumber(arg))
            {
                parsed._positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            if (arg is "-h" or "--help")
            {
                parsed.HelpRequested = true;
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (valueOptions.Contains(name))
            {
                string value;
                if (equals > 0)
                {
                    value = arg[(equals + 1)..];
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    throw new UsageException($"option {name} needs a value");
                }

                if (!parsed._values.TryAdd(name, value))
                {
                    throw new UsageException($"option {name} is given more than once");
                }
            }
            else if (flags.Contains(name) && equals < 0)
            {
                parsed._flags.Add(name);
            }
            else if (flags.Contains(name))
            {
                throw new UsageException($"option {name} takes no value");
            }
            else
            {
                throw new UsageException($"unknown option {name}");
            }
        }

        return parsed;
    }

    /// <summary>True when the flag was given.</summary>
    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>The value of an option, or null when it was not given.</summary>
    public string? Value(string option) => _values.GetValueOrDefault(option);

    /// <summary>The value of a required option.</summary>
    /// <exception cref="UsageException">The option was not given or is empty.</exception>
    public string Required(string option)
    {
        var value = Value(option);
        return string.IsNullOrWhiteSpace(value) ? throw new UsageException($"option {option} is required") : value;
    }

    /// <summary>Fails unless exactly <paramref name="count"/> positionals were given.</summary>
    /// <exception cref="UsageException">Too few or too many positionals.</exception>
    public void ExpectPositionals(int count, string what)
    {
        if (_positionals.Count < count)
        {
            throw new UsageException($"missing {what}");
        }

        if (_positionals.Count > count)
        {
            throw new UsageException($"unexpected argument '{_positionals[count]}'");
        }
    }

    // "-5" is a value, not an option, so that "--seconds -5" reaches the range check with its own message.
    private static bool IsNumber(string arg) => double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
