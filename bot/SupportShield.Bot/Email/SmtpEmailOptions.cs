using MailKit.Security;

namespace SupportShield.Bot.Email;

/// <summary>The SMTP server emails go through. Bound from <c>SupportShield:Email:Smtp</c>.</summary>
public sealed class SmtpEmailOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SupportShield:Email:Smtp";

    /// <summary>The server's host name (<c>:Host</c>). Default none: emails go to the dev outbox instead.</summary>
    public string? Host { get; set; }

    /// <summary>The server's port (<c>:Port</c>). Default 25.</summary>
    public int Port { get; set; } = 25;

    /// <summary>The sender address, for example <c>SupportShield &lt;no-reply@example.com&gt;</c> (<c>:From</c>). Required when Host is set.</summary>
    public string? From { get; set; }

    /// <summary>The user name to authenticate with (<c>:Username</c>). Default none: no authentication.</summary>
    public string? Username { get; set; }

    /// <summary>The password (<c>:Password</c>). Required with Username.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// How the connection is secured (<c>:Security</c>), one of MailKit's <see cref="SecureSocketOptions"/>. Default <c>Auto</c>:
    /// TLS on connect for port 465, otherwise STARTTLS when the server offers it and plain text when it does not (as a
    /// loopback test server). Set <c>StartTls</c> or <c>SslOnConnect</c> in production so a missing TLS fails instead of
    /// falling back; <c>None</c> never uses TLS.
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    /// <summary>How long connecting and sending may take, in seconds (<c>:TimeoutSeconds</c>). Default 10; 1 to 300.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}
