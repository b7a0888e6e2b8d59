using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SupportShield.Bot.Email;

/// <summary>Checks the SMTP settings at start-up, so a typo fails the host rather than the first verification email.</summary>
internal sealed class SmtpEmailOptionsValidator : IValidateOptions<SmtpEmailOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpEmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            failures.Add("SupportShield:Email:Smtp:Port must be between 1 and 65535.");
        }

        if (string.IsNullOrWhiteSpace(options.From))
        {
            failures.Add("SupportShield:Email:Smtp:From is required when SupportShield:Email:Smtp:Host is set.");
        }
        else if (!MailboxAddress.TryParse(options.From, out _))
        {
            failures.Add("SupportShield:Email:Smtp:From is not a valid email address.");
        }

        if (!string.IsNullOrEmpty(options.Username) && options.Password is null)
        {
            failures.Add("SupportShield:Email:Smtp:Password is required when SupportShield:Email:Smtp:Username is set.");
        }

        if (!Enum.IsDefined(options.Security))
        {
            failures.Add("SupportShield:Email:Smtp:Security must be one of None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.");
        }

        if (options.TimeoutSeconds is < 1 or > 300)
        {
            failures.Add("SupportShield:Email:Smtp:TimeoutSeconds must be between 1 and 300.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
