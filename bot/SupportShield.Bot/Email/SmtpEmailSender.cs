using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using SupportShield.Dialogs.Email;

namespace SupportShield.Bot.Email;

/// <summary>
/// Sends email through an SMTP server with MailKit, one connection per message. Failures become
/// <see cref="EmailDeliveryException"/> whose message names the server and the kind of failure, never the
/// recipient or the body (which may hold a one-time code).
/// </summary>
public sealed partial class SmtpEmailSender : IEmailSender
{
    private readonly SmtpEmailOptions _options;
    private readonly string _host;
    private readonly ILogger<SmtpEmailSender> _logger;

    public SmtpEmailSender(IOptions<SmtpEmailOptions> options, ILogger<SmtpEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        if (string.IsNullOrWhiteSpace(_options.Host) || string.IsNullOrWhiteSpace(_options.From))
        {
            throw new ArgumentException("SmtpEmailSender needs SupportShield:Email:Smtp:Host and :From.", nameof(options));
        }

        _host = _options.Host;
    }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = BuildMessage(message);
        var server = string.Create(CultureInfo.InvariantCulture, $"{_host}:{_options.Port}");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        using var client = new SmtpClient { Timeout = _options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(_host, _options.Port, _options.Security, timeout.Token).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(_options.Username))
            {
                await client.AuthenticateAsync(_options.Username, _options.Password ?? string.Empty, timeout.Token).ConfigureAwait(false);
            }

            await client.SendAsync(mime, timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is not EmailDeliveryException)
        {
            LogDeliveryFailed(_logger, server, exception.GetType().Name);
            throw Describe(server, exception);
        }

        LogDelivered(_logger, server);
    }

    private MimeMessage BuildMessage(EmailMessage message)
    {
        if (!MailboxAddress.TryParse(message.To, out var to))
        {
            throw new EmailDeliveryException("The recipient is not a valid email address; nothing was sent.");
        }

        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(_options.From!));
        mime.To.Add(to);
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };
        return mime;
    }

    private EmailDeliveryException Describe(string server, Exception exception)
    {
        var prefix = $"Could not hand the email to the SMTP server {server}";
        return exception switch
        {
            OperationCanceledException or TimeoutException =>
                new EmailDeliveryException(string.Create(CultureInfo.InvariantCulture, $"{prefix}: no answer within {_options.TimeoutSeconds} s."), exception),
            SocketException socket =>
                new EmailDeliveryException($"{prefix}: connection failed ({socket.SocketErrorCode}).", exception),
            AuthenticationException =>
                new EmailDeliveryException($"{prefix}: authentication was refused; check SupportShield:Email:Smtp:Username and :Password.", exception),
            SslHandshakeException or NotSupportedException =>
                new EmailDeliveryException($"{prefix}: TLS could not be set up; check SupportShield:Email:Smtp:Security.", exception),

            // Server replies can quote the recipient address, so neither their text nor the exception travels on.
            SmtpCommandException command =>
                new EmailDeliveryException(string.Create(CultureInfo.InvariantCulture, $"{prefix}: the server refused it ({(int)command.StatusCode} {command.StatusCode}, {command.ErrorCode}).")),
            SmtpProtocolException =>
                new EmailDeliveryException($"{prefix}: the server broke the SMTP protocol."),
            ServiceNotConnectedException or IOException =>
                new EmailDeliveryException($"{prefix}: the connection was lost.", exception),
            _ => new EmailDeliveryException($"{prefix}: {exception.GetType().Name}."),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email delivery through {Server} failed: {FailureType}")]
    private static partial void LogDeliveryFailed(ILogger logger, string server, string failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email handed to {Server}")]
    private static partial void LogDelivered(ILogger logger, string server);
}
