using System.Security.Claims;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using SupportShield.Bot.BotFramework;
using SupportShield.Bot.RateLimiting;
using SupportShield.Bot.Storage.ReadScope;
using SupportShield.Middleware.Conversations;

namespace SupportShield.Bot.DirectLine;

/// <summary>
/// The embedded Direct Line's channel side: it turns what a client posts into a Bot Framework activity from the token's
/// user, logs it, and runs the bot's real turn (the <see cref="SupportShieldAdapter"/> with the SupportShield middleware,
/// as <c>/api/messages</c> does) with the embedded connector as serviceUrl; and it logs what the bot sends back.
/// </summary>
public sealed partial class DirectLineChannel
{
    /// <summary>The channel id of Direct Line activities.</summary>
    public const string ChannelId = "directline";

    /// <summary>What the conversation log keeps instead of a message the verification step consumed (a code or a contact).</summary>
    public const string ConsumedMessageNote = "[entered for verification]";

    /// <summary>Longest user name kept.</summary>
    public const int MaxNameLength = 100;

    private readonly SupportShieldAdapter _adapter;
    private readonly BotFrameworkAuthentication _authentication;
    private readonly DirectLineConnector _connector;
    private readonly SupportShieldRateLimiter _limiter;
    private readonly IConversationStore _conversations;
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DirectLineChannel> _logger;
    private readonly string _appId;

    public DirectLineChannel(
        SupportShieldAdapter adapter,
        BotFrameworkAuthentication authentication,
        DirectLineConnector connector,
        SupportShieldRateLimiter limiter,
        IConversationStore conversations,
        IOptions<DirectLineOptions> options,
        IConfiguration configuration,
        TimeProvider time,
        ILogger<DirectLineChannel> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        _adapter = adapter ?? throw new ArgumentNullException(nameof(adapter));
        _authentication = authentication ?? throw new ArgumentNullException(nameof(authentication));
        _connector = connector ?? throw new ArgumentNullException(nameof(connector));
        _limiter = limiter ?? throw new ArgumentNullException(nameof(limiter));
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _appId = configuration["MicrosoftAppId"] ?? string.Empty;
    }

    private ChannelAccount Bot => new(_options.BotId, _options.BotName, RoleTypes.Bot);

    /// <summary>Tells the bot, once, that the conversation started (a conversationUpdate adding the bot and the user).</summary>
    public async Task StartAsync(DirectLineConversation conversation, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(bot);
        if (!conversation.TryMarkStarted())
        {
            return;
        }

        var user = new ChannelAccount(conversation.UserId, role: RoleTypes.User);
        var update = NewActivity(conversation, ActivityTypes.ConversationUpdate, user);
        update.MembersAdded = [Bot, user];
        try
        {
            await RunTurnAsync(update, bot, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed greeting does not stop the conversation; the customer can still write.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogStartFailed(_logger, ex.GetType().Name);
        }
    }

    /// <summary>
    /// Accepts an activity the token's user posted: logs it (clients see it echoed), runs the bot's turn and answers the
    /// activity id. A message the verification step consumed is kept in the log as <see cref="ConsumedMessageNote"/>.
    /// </summary>
    public async Task<DirectLinePostResult> PostFromUserAsync(DirectLineConversation conversation, string userId, Activity posted, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(bot);
        var problem = Validate(posted);
        if (problem is not null)
        {
            return new DirectLinePostResult(null, StatusCodes.Status400BadRequest, problem);
        }

        var activity = NewActivity(conversation, posted.Type, new ChannelAccount(userId, Truncate(posted.From?.Name), RoleTypes.User));
        activity.Text = posted.Text;
        activity.TextFormat = posted.TextFormat;
        activity.Locale = posted.Locale;
        activity.LocalTimestamp = posted.LocalTimestamp;
        activity.Value = posted.Value;
        activity.Name = posted.Name;
        activity.ChannelData = posted.ChannelData;
        activity.Entities = posted.Entities;
        if (posted.Type == ActivityTypes.Typing)
        {
            // Typing indicators are acknowledged and dropped: they carry nothing the bot or the agent needs.
            return new DirectLinePostResult(activity.Id, StatusCodes.Status200OK, null);
        }

        var record = await _conversations.GetAsync(conversation.Id, cancellationToken).ConfigureAwait(false);
        var decision = await _limiter.TryAcquireMessageAsync(conversation.Id, record?.AccountId, cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return new DirectLinePostResult(null, StatusCodes.Status429TooManyRequests, $"Too many requests ({decision.Limit}).", decision.RetryAfter);
        }

        conversation.Append(ClientEcho(activity), _time.GetUtcNow());
        bool reachedBot;
        try
        {
            reachedBot = await RunTurnAsync(activity, bot, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTurnFailed(_logger, activity.Type, ex.GetType().Name);
            conversation.Rewrite(activity.Id, Consumed);
            return new DirectLinePostResult(null, StatusCodes.Status502BadGateway, "The bot could not process the activity.");
        }

        if (!reachedBot && activity.Type == ActivityTypes.Message)
        {
            conversation.Rewrite(activity.Id, Consumed);
        }

        return new DirectLinePostResult(activity.Id, StatusCodes.Status200OK, null);
    }

    /// <summary>Logs an activity the bot sent (through the embedded connector); returns its id.</summary>
    public string AppendFromBot(DirectLineConversation conversation, Activity sent, string? replyToId)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(sent);
        var activity = FromBot(conversation, sent, conversation.NextActivityId(), replyToId ?? sent.ReplyToId);
        conversation.Append(DirectLineActivityJson.ForClient(activity), _time.GetUtcNow());
        return activity.Id;
    }

    /// <summary>Replaces an activity the bot sent earlier (UpdateActivity); false when it is not in the log.</summary>
    public bool UpdateFromBot(DirectLineConversation conversation, string activityId, Activity sent)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(sent);
        var activity = FromBot(conversation, sent, activityId, sent.ReplyToId);
        return conversation.Replace(activityId, DirectLineActivityJson.ForClient(activity), _time.GetUtcNow());
    }

    private static void Consumed(JObject json)
    {
        json["text"] = ConsumedMessageNote;
        json.Remove("speak");
        json.Remove("value");
    }

    /// <summary>What is wrong with a posted activity, or null.</summary>
    private static string? Validate(Activity posted)
    {
        if (string.IsNullOrWhiteSpace(posted.Type))
        {
            return "The activity has no 'type'.";
        }

        if (posted.Type is not (ActivityTypes.Message or ActivityTypes.Event or ActivityTypes.Typing))
        {
            return $"Activities of type '{posted.Type}' cannot be posted; use 'message', 'event' or 'typing'.";
        }

        if (posted.Attachments is { Count: > 0 })
        {
            return "Attachments are not supported by this chat.";
        }

        if (posted.Type == ActivityTypes.Message && string.IsNullOrEmpty(posted.Text) && posted.Value is null)
        {
            return "A message needs 'text' (or a 'value').";
        }

        if (posted.Type == ActivityTypes.Event && string.IsNullOrWhiteSpace(posted.Name))
        {
            return "An event needs a 'name'.";
        }

        return null;
    }

    private static string? Truncate(string? name) => name is null || name.Length <= MaxNameLength ? name : name[..MaxNameLength];

    /// <summary>
    /// The user's activity as clients get it back: channelData reduced to what Web Chat matches its pending bubble with
    /// (an identity token or anything else a page put there is not echoed or kept).
    /// </summary>
    private static JObject ClientEcho(Activity activity)
    {
        var json = DirectLineActivityJson.ForClient(activity);
        if (json["channelData"] is JObject channelData)
        {
            var kept = new JObject();
            foreach (var name in (string[])["clientActivityID", "clientTimestamp"])
            {
                if (channelData[name] is JValue value)
                {
                    kept[name] = value;
                }
            }

            json["channelData"] = kept;
        }
        else
        {
            json.Remove("channelData");
        }

        return json;
    }

    private Activity FromBot(DirectLineConversation conversation, Activity sent, string id, string? replyToId)
    {
        sent.Id = id;
        sent.ChannelId = ChannelId;
        sent.Conversation = new ConversationAccount(id: conversation.Id);
        sent.From = Bot;
        sent.Recipient = new ChannelAccount(conversation.UserId, role: RoleTypes.User);
        sent.Timestamp = _time.GetUtcNow();
        sent.ReplyToId = replyToId;
        sent.ServiceUrl = null;
        return sent;
    }

    private Activity NewActivity(DirectLineConversation conversation, string type, ChannelAccount from) => new(type)
    {
        Id = conversation.NextActivityId(),
        ChannelId = ChannelId,
        ServiceUrl = _connector.ServiceUrl,
        Conversation = new ConversationAccount(id: conversation.Id),
        From = from,
        Recipient = Bot,
        Timestamp = _time.GetUtcNow(),
    };

    /// <summary>Runs the bot's turn; true when the activity reached the bot (the middleware let it through).</summary>
    private async Task<bool> RunTurnAsync(Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        // As on /api/messages: the turn reads its conversation and verification state from the database once.
        using var readScope = StorageReadScope.Begin();
        var identity = new ClaimsIdentity(
            [new Claim(AuthenticationConstants.AudienceClaim, _appId), new Claim(AuthenticationConstants.AppIdClaim, _appId)],
            "SupportShield.DirectLine");
        var authentication = new AuthenticateRequestResult
        {
            ClaimsIdentity = identity,
            ConnectorFactory = _authentication.CreateConnectorFactory(identity),
            Audience = AuthenticationConstants.ToChannelFromBotOAuthScope,
        };
        var reachedBot = false;
        await _adapter.ProcessDirectLineActivityAsync(
            authentication,
            activity,
            (turnContext, ct) =>
            {
                reachedBot = true;
                return bot.OnTurnAsync(turnContext, ct);
            },
            cancellationToken).ConfigureAwait(false);
        return reachedBot;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line: the bot's conversation start failed: {ExceptionType}")]
    private static partial void LogStartFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Direct Line: the turn of a {ActivityType} activity failed: {ExceptionType}")]
    private static partial void LogTurnFailed(ILogger logger, string activityType, string exceptionType);
}
