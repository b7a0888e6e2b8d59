using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Sms;
using SupportShield.Dialogs.Sms;

namespace SupportShield.Bot.Tests.Sms;

public sealed class TwilioSmsSenderTests
{
    private const string Sid = "AC0123456789abcdef0123456789abcdef";
    private const string Body = "Your verification code is 48151623. It expires in 10 minutes.";

    private static TwilioSmsSender Sender(int port, string from = "+15005550006") => new(
        Options.Create(new TwilioSmsOptions { AccountSid = Sid, AuthToken = "secret-token", From = from, TimeoutSeconds = 5 }),
        FakeTwilio.ClientTo(port),
        NullLogger<TwilioSmsSender>.Instance);

    [Test]
    public async Task SendAsync_PostsToTwilioWithTheNumberInE164AndBasicAuth()
    {
        await using var twilio = await FakeTwilio.StartAsync();

        await Sender(twilio.Port).SendAsync(new SmsMessage("(503) 555-0142", Body));

        var request = twilio.Requests.Single();
        Assert.That(request.Path, Is.EqualTo($"/2010-04-01/Accounts/{Sid}/Messages.json"));
        Assert.That(request.Form["To"].ToString(), Is.EqualTo("+15035550142"));
        Assert.That(request.Form["From"].ToString(), Is.EqualTo("+15005550006"));
        Assert.That(request.Form["Body"].ToString(), Is.EqualTo(Body));
        Assert.That(request.Authorization, Is.EqualTo("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Sid + ":secret-token"))));
    }

    [Test]
    public async Task SendAsync_MessagingServiceSid_SentAsMessagingServiceSid()
    {
        await using var twilio = await FakeTwilio.StartAsync();

        await Sender(twilio.Port, from: "MG0123456789abcdef0123456789abcdef").SendAsync(new SmsMessage("+44 20 7946 0958", Body));

        var request = twilio.Requests.Single();
        Assert.That(request.Form["MessagingServiceSid"].ToString(), Is.EqualTo("MG0123456789abcdef0123456789abcdef"));
        Assert.That(request.Form["To"].ToString(), Is.EqualTo("+442079460958"));
    }

    [Test]
    public async Task SendAsync_TwilioRefuses_DeliveryExceptionWithTheErrorCodeButNeitherNumberNorCode()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        twilio.Answer = (400, """{"code":21211,"message":"The 'To' number +15035550142 is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400}""");

        var exception = Assert.ThrowsAsync<SmsDeliveryException>(() => Sender(twilio.Port).SendAsync(new SmsMessage("+1 503 555 0142", Body)));

        Assert.That(exception!.Message, Does.Contain("21211").And.Contain("400"));
        Assert.That(exception.ToString(), Does.Not.Contain("5550142").And.Not.Contain("48151623"));
    }

    [Test]
    public void SendAsync_TwilioUnreachable_ClearDeliveryExceptionWithoutNumberOrCode()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var exception = Assert.ThrowsAsync<SmsDeliveryException>(() => Sender(closedPort).SendAsync(new SmsMessage("+1 503 555 0142", Body)));

        Assert.That(exception!.Message, Does.StartWith("Could not hand the text message to Twilio").And.Contain("could not be reached"));
        Assert.That(exception.ToString(), Does.Not.Contain("5550142").And.Not.Contain("48151623"));
    }

    [Test]
    public void SendAsync_PhoneOnFileNotANumber_RefusedWithoutSending() =>
        Assert.That(
            () => Sender(1).SendAsync(new SmsMessage("call me maybe", Body)),
            Throws.TypeOf<SmsDeliveryException>().With.Message.Contains("not a valid phone number"));

    [TestCase("+1 503 555 0142", "+15035550142")]
    [TestCase("(415) 555-0123", "+14155550123")]
    [TestCase("1-206-555-0187", "+12065550187")]
    [TestCase("+44 20 7946 0958", "+442079460958")]
    [TestCase("555-0123", null)]
    [TestCase("+1 call", null)]
    public void ToE164_Forms(string phone, string? expected) =>
        Assert.That(TwilioSmsSender.ToE164(phone), Is.EqualTo(expected));

    [Test]
    public void Validator_AccountSidSet_RequiresTokenAndAValidFrom()
    {
        var validator = new TwilioSmsOptionsValidator();

        Assert.That(validator.Validate(null, new TwilioSmsOptions()).Succeeded, Is.True, "off without an AccountSid");
        var failed = validator.Validate(null, new TwilioSmsOptions { AccountSid = "XX1", From = "5035550100", TimeoutSeconds = 0 });
        Assert.That(failed.Failed, Is.True);
        Assert.That(failed.FailureMessage, Does.Contain("must start with AC").And.Contain("AuthToken is required").And.Contain("E.164").And.Contain("TimeoutSeconds"));
        Assert.That(validator.Validate(null, new TwilioSmsOptions { AccountSid = Sid, AuthToken = "t", From = "+15005550006" }).Succeeded, Is.True);
    }
}
