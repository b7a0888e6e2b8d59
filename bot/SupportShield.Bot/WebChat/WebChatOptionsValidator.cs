using Microsoft.Extensions.Options;

namespace SupportShield.Bot.WebChat;

/// <summary>Stops start-up with every problem of <c>SupportShield:WebChat</c>.</summary>
internal sealed class WebChatOptionsValidator : IValidateOptions<WebChatOptions>
{
    public ValidateOptionsResult Validate(string? name, WebChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
