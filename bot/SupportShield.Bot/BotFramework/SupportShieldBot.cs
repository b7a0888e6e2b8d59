using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace SupportShield.Bot.BotFramework;

/// <summary>
/// The host's own bot: it greets the customer and tells them an agent will answer. Human agents reply through the agent API.
/// Its state (whether it has acknowledged the customer) lives in the bot's <see cref="IStorage"/>.
/// </summary>
public sealed class SupportShieldBot : ActivityHandler
{
    /// <summary>What the customer is told on arrival.</summary>
    public const string Greeting = "Hi! You're chatting with support. An agent will be with you shortly.";

    /// <summary>What the customer is told after their first message.</summary>
    public const string Acknowledgement = "Thanks, an agent has your message and will reply here.";

    private readonly ConversationState _conversationState;
    private readonly IStatePropertyAccessor<bool> _acknowledged;

    public SupportShieldBot(ConversationState conversationState)
    {
        _conversationState = conversationState ?? throw new ArgumentNullException(nameof(conversationState));
        _acknowledged = conversationState.CreateProperty<bool>("acknowledged");
    }

    /// <inheritdoc />
    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await _conversationState.SaveChangesAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(membersAdded);
        ArgumentNullException.ThrowIfNull(turnContext);
        if (membersAdded.Any(m => m.Id != turnContext.Activity.Recipient?.Id))
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(Greeting), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        if (!await _acknowledged.GetAsync(turnContext, () => false, cancellationToken).ConfigureAwait(false))
        {
            await _acknowledged.SetAsync(turnContext, true, cancellationToken).ConfigureAwait(false);
            await turnContext.SendActivityAsync(MessageFactory.Text(Acknowledgement), cancellationToken).ConfigureAwait(false);
        }
    }
}
