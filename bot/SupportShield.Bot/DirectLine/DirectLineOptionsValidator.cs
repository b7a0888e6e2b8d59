using Microsoft.Extensions.Options;

namespace SupportShield.Bot.DirectLine;

/// <summary>Stops start-up with every problem of <c>SupportShield:DirectLine</c>.</summary>
internal sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
