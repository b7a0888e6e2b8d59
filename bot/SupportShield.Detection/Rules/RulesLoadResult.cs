using System.Diagnostics.CodeAnalysis;

namespace SupportShield.Detection.Rules;

/// <summary>The outcome of loading a rules file: the compiled rules, or every problem found with its line.</summary>
public sealed class RulesLoadResult
{
    private RulesLoadResult(string sourceName, CompiledRules? rules, IReadOnlyList<RulesError> errors)
    {
        SourceName = sourceName;
        Rules = rules;
        Errors = errors;
    }

    /// <summary>Where the rules came from (a path, or the bundled default).</summary>
    public string SourceName { get; }

    /// <summary>The rules, when the file is valid.</summary>
    public CompiledRules? Rules { get; }

    /// <summary>The problems found, in file order; empty when the file is valid.</summary>
    public IReadOnlyList<RulesError> Errors { get; }

    /// <summary>True when the file is valid and <see cref="Rules"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Rules))]
    public bool Succeeded => Rules is not null;

    internal static RulesLoadResult Success(CompiledRules rules) => new(rules.SourceName, rules, []);

    internal static RulesLoadResult Failure(string sourceName, IReadOnlyList<RulesError> errors) => new(sourceName, null, errors);

    /// <summary>Every error on its own line, prefixed with the source, for start-up failures and logs.</summary>
    public string Describe() =>
        Succeeded
            ? $"{SourceName}: valid"
            : $"{SourceName} is not a valid rules file:{Environment.NewLine}" + string.Join(Environment.NewLine, Errors.Select(e => $"  {SourceName}: {e}"));
}
