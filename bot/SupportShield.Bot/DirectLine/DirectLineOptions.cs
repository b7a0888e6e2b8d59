namespace SupportShield.Bot.DirectLine;

/// <summary>The host's embedded Direct Line 3.0 service, bound from <c>SupportShield:DirectLine</c>.</summary>
public sealed class DirectLineOptions
{
    /// <summary>Serve Direct Line 3.0 at <c>/v3/directline</c> (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The Direct Line secret: callers that hold it mint tokens (<c>POST /v3/directline/tokens/generate</c>) and may use any
    /// conversation. When empty, a random secret is made at start-up: the host's own page still works (it mints tokens in
    /// process) but nobody outside can, and tokens do not survive a restart. Set it (from a secret store) to share tokens
    /// across restarts and instances. At least 32 characters.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How long a token works before it must be refreshed (default 30 minutes, as Azure's Direct Line).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Most activities kept per conversation, oldest dropped first (default 500).</summary>
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>Most conversations kept in memory; past it the longest idle one is dropped (default 10,000).</summary>
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>A conversation with no activity for this long is dropped (default 2 hours).</summary>
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Where the bot reaches this host's embedded connector (the <c>serviceUrl</c> of Direct Line activities, without the
    /// <c>/v3/directline/connector/</c> path). Empty: the host's own listening address (loopback for a wildcard address).
    /// </summary>
    public Uri? ConnectorBaseUrl { get; set; }

    /// <summary>The bot's id in Direct Line conversations (default <c>supportshield-bot</c>).</summary>
    public string BotId { get; set; } = "supportshield-bot";

    /// <summary>The bot's display name in Direct Line conversations (default <c>Support</c>).</summary>
    public string BotName { get; set; } = "Support";

    /// <summary>The errors of these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!string.IsNullOrEmpty(Secret) && Secret.Length < 32)
        {
            problems.Add("SupportShield:DirectLine:Secret must be at least 32 characters (or empty for a random one).");
        }

        if (TokenLifetime < TimeSpan.FromMinutes(1) || TokenLifetime > TimeSpan.FromDays(1))
        {
            problems.Add("SupportShield:DirectLine:TokenLifetime must be between 00:01:00 and 1.00:00:00.");
        }

        if (MaxActivitiesPerConversation is < 10 or > 100_000)
        {
            problems.Add("SupportShield:DirectLine:MaxActivitiesPerConversation must be between 10 and 100000.");
        }

        if (MaxConversations is < 1 or > 10_000_000)
        {
            problems.Add("SupportShield:DirectLine:MaxConversations must be between 1 and 10000000.");
        }

        if (ConversationIdleTimeout < TimeSpan.FromMinutes(1))
        {
            problems.Add("SupportShield:DirectLine:ConversationIdleTimeout must be at least 00:01:00.");
        }

        if (ConnectorBaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add("SupportShield:DirectLine:ConnectorBaseUrl must be an absolute http or https URL.");
        }

        if (string.IsNullOrWhiteSpace(BotId) || BotId.Length > 100)
        {
            problems.Add("SupportShield:DirectLine:BotId must be 1 to 100 characters.");
        }

        return problems;
    }
}
