using Microsoft.Extensions.Options;

namespace SupportShield.Bot.Sms;

/// <summary>Checks the Twilio settings at start-up, so a typo fails the host rather than the first text message.</summary>
internal sealed class TwilioSmsOptionsValidator : IValidateOptions<TwilioSmsOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioSmsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.AccountSid))
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!options.AccountSid.StartsWith("AC", StringComparison.Ordinal))
        {
            failures.Add("SupportShield:Sms:Twilio:AccountSid must start with AC.");
        }

        if (string.IsNullOrWhiteSpace(options.AuthToken))
        {
            failures.Add("SupportShield:Sms:Twilio:AuthToken is required when SupportShield:Sms:Twilio:AccountSid is set.");
        }

        if (string.IsNullOrWhiteSpace(options.From))
        {
            failures.Add("SupportShield:Sms:Twilio:From is required when SupportShield:Sms:Twilio:AccountSid is set.");
        }
        else if (!options.From.StartsWith("MG", StringComparison.Ordinal)
            && !(options.From.StartsWith('+') && options.From.Length is >= 8 and <= 16 && options.From[1..].All(char.IsAsciiDigit)))
        {
            failures.Add("SupportShield:Sms:Twilio:From must be a number in E.164 form (+15035550100) or a messaging service SID (MG…).");
        }

        if (options.TimeoutSeconds is < 1 or > 120)
        {
            failures.Add("SupportShield:Sms:Twilio:TimeoutSeconds must be between 1 and 120.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
