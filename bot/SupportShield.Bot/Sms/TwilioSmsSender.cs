using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportShield.Dialogs.Sms;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace SupportShield.Bot.Sms;

/// <summary>
/// Sends text messages through Twilio's REST API. Failures become <see cref="SmsDeliveryException"/> whose message names the
/// kind of failure, never the number or the body (which holds a one-time code); the logs say no more.
/// </summary>
public sealed partial class TwilioSmsSender : ISmsSender
{
    private readonly TwilioSmsOptions _options;
    private readonly ITwilioRestClient _client;
    private readonly ILogger<TwilioSmsSender> _logger;

    /// <summary>Creates the sender over <paramref name="httpClient"/> (its timeout is set from the options).</summary>
    public TwilioSmsSender(IOptions<TwilioSmsOptions> options, System.Net.Http.HttpClient httpClient, ILogger<TwilioSmsSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        _options = options.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        if (string.IsNullOrWhiteSpace(_options.AccountSid) || string.IsNullOrWhiteSpace(_options.AuthToken) || string.IsNullOrWhiteSpace(_options.From))
        {
            throw new ArgumentException("TwilioSmsSender needs SupportShield:Sms:Twilio:AccountSid, :AuthToken and :From.", nameof(options));
        }

        httpClient.Timeout = TimeSpan.FromSeconds(_options.TimeoutSeconds);
        _client = new TwilioRestClient(_options.AccountSid, _options.AuthToken, httpClient: new SystemNetHttpClient(httpClient));
    }

    /// <inheritdoc />
    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var to = ToE164(message.To) ?? throw new SmsDeliveryException("The phone number on file is not a valid phone number; nothing was sent.");
        var create = new CreateMessageOptions(new PhoneNumber(to)) { Body = message.Body };
        if (_options.From!.StartsWith("MG", StringComparison.Ordinal))
        {
            create.MessagingServiceSid = _options.From;
        }
        else
        {
            create.From = new PhoneNumber(_options.From);
        }

        try
        {
            await MessageResource.CreateAsync(create, _client)
                .WaitAsync(TimeSpan.FromSeconds(_options.TimeoutSeconds + 1), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is TwilioException or System.Net.Http.HttpRequestException or TimeoutException or OperationCanceledException or IOException)
        {
            LogDeliveryFailed(_logger, exception.GetType().Name);
            throw Describe(exception);
        }

        LogDelivered(_logger);
    }

    /// <summary>The number in E.164 form: kept with its + and country code, or a 10-digit North American number given +1. Null when it is not a number.</summary>
    internal static string? ToE164(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        if (phone.Any(char.IsLetter))
        {
            return null;
        }

        var digits = string.Concat(phone.Where(char.IsAsciiDigit));
        if (phone.TrimStart().StartsWith('+'))
        {
            return digits.Length is >= 7 and <= 15 ? "+" + digits : null;
        }

        return digits.Length switch
        {
            10 => "+1" + digits,
            11 when digits[0] == '1' => "+" + digits,
            _ => null,
        };
    }

    private SmsDeliveryException Describe(Exception exception)
    {
        const string prefix = "Could not hand the text message to Twilio";

        // Twilio's error text can quote the number, so neither it nor the exception travels on for refusals.
        return exception switch
        {
            ApiException api => new SmsDeliveryException(string.Create(CultureInfo.InvariantCulture, $"{prefix}: it refused the request (HTTP {api.Status}, error {api.Code}).")),
            Twilio.Exceptions.AuthenticationException => new SmsDeliveryException($"{prefix}: authentication failed; check SupportShield:Sms:Twilio:AccountSid and :AuthToken."),
            TimeoutException or OperationCanceledException => new SmsDeliveryException(string.Create(CultureInfo.InvariantCulture, $"{prefix}: no answer within {_options.TimeoutSeconds} s.")),
            _ => new SmsDeliveryException($"{prefix}: it could not be reached ({exception.GetType().Name}).", exception),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Text message delivery through Twilio failed: {FailureType}")]
    private static partial void LogDeliveryFailed(ILogger logger, string failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Text message handed to Twilio")]
    private static partial void LogDelivered(ILogger logger);
}
