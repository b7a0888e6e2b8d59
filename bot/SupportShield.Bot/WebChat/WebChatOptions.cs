namespace SupportShield.Bot.WebChat;

/// <summary>The customer's Web Chat page at <c>/</c>, bound from <c>SupportShield:WebChat</c>.</summary>
public sealed class WebChatOptions
{
    /// <summary>
    /// The Direct Line the page talks to. Empty (the default): this host's embedded Direct Line (<c>/v3/directline</c>).
    /// Set it to Azure Bot Service's, <c>https://directline.botframework.com/v3/directline</c> (or a regional one), together
    /// with <see cref="DirectLineSecret"/>.
    /// </summary>
    public Uri? DirectLineDomain { get; set; }

    /// <summary>
    /// The secret of that Direct Line (Azure: the bot's Direct Line channel key). The page's token endpoint exchanges it for
    /// a conversation token; it never reaches the browser. Required with <see cref="DirectLineDomain"/>.
    /// </summary>
    public string? DirectLineSecret { get; set; }

    /// <summary>Tokens the page's token endpoint gives one client address per minute (default 20).</summary>
    public int TokensPerClientPerMinute { get; set; } = 20;

    /// <summary>The errors of these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (DirectLineDomain is { } domain)
        {
            if (!domain.IsAbsoluteUri || (domain.Scheme != Uri.UriSchemeHttps && domain.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add("SupportShield:WebChat:DirectLineDomain must be an absolute https URL such as https://directline.botframework.com/v3/directline.");
            }

            if (string.IsNullOrWhiteSpace(DirectLineSecret))
            {
                problems.Add("SupportShield:WebChat:DirectLineSecret is required when SupportShield:WebChat:DirectLineDomain is set.");
            }
        }

        if (TokensPerClientPerMinute is < 1 or > 10_000)
        {
            problems.Add("SupportShield:WebChat:TokensPerClientPerMinute must be between 1 and 10000.");
        }

        return problems;
    }
}
