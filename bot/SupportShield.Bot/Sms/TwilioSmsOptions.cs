namespace SupportShield.Bot.Sms;

/// <summary>Twilio, the SMS provider plug-in. Bound from <c>SupportShield:Sms:Twilio</c>; used only when <see cref="AccountSid"/> is set.</summary>
public sealed class TwilioSmsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SupportShield:Sms:Twilio";

    /// <summary>The account SID (<c>:AccountSid</c>, <c>AC…</c>). Default none: text messages go to the dev outbox.</summary>
    public string? AccountSid { get; set; }

    /// <summary>The auth token (<c>:AuthToken</c>). Required with AccountSid.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The sending number in E.164 form, or a messaging service SID <c>MG…</c> (<c>:From</c>). Required with AccountSid.</summary>
    public string? From { get; set; }

    /// <summary>How long handing a message to Twilio may take, in seconds (<c>:TimeoutSeconds</c>). Default 10; 1 to 120.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}
