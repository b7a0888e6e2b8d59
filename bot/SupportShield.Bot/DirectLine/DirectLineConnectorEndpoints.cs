using Newtonsoft.Json.Linq;

namespace SupportShield.Bot.DirectLine;

/// <summary>
/// The embedded connector's routes (the Bot Framework connector API under <see cref="DirectLineConnector.PathPrefix"/>):
/// the bot's sends, replies, updates and deletes land in the conversation's log. Only this process's connector clients
/// are accepted (they present the in-process connector key); anyone else gets 401.
/// </summary>
internal static class DirectLineConnectorEndpoints
{
    public static IEndpointRouteBuilder MapDirectLineConnector(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(DirectLineConnector.PathPrefix + "/v3/conversations/{conversationId}/activities").ExcludeFromDescription();
        group.MapPost("/", (string conversationId, HttpRequest request, DirectLineConnector connector, DirectLineConversationStore store, DirectLineChannel channel) =>
            SendAsync(conversationId, null, request, connector, store, channel));
        group.MapPost("/{activityId}", (string conversationId, string activityId, HttpRequest request, DirectLineConnector connector, DirectLineConversationStore store, DirectLineChannel channel) =>
            SendAsync(conversationId, activityId, request, connector, store, channel));
        group.MapPut("/{activityId}", UpdateAsync);
        group.MapDelete("/{activityId}", Delete);
        return endpoints;
    }

    private static async Task<IResult> SendAsync(string conversationId, string? replyToId, HttpRequest request, DirectLineConnector connector, DirectLineConversationStore store, DirectLineChannel channel)
    {
        var (conversation, activity, failure) = await ReadAsync(conversationId, request, connector, store).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var id = channel.AppendFromBot(conversation!, activity!, replyToId);
        return DirectLineActivityJson.Result(new JObject { ["id"] = id });
    }

    private static async Task<IResult> UpdateAsync(string conversationId, string activityId, HttpRequest request, DirectLineConnector connector, DirectLineConversationStore store, DirectLineChannel channel)
    {
        var (conversation, activity, failure) = await ReadAsync(conversationId, request, connector, store).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        return channel.UpdateFromBot(conversation!, activityId, activity!)
            ? DirectLineActivityJson.Result(new JObject { ["id"] = activityId })
            : DirectLineEndpoints.Error(StatusCodes.Status404NotFound, "No such activity in the conversation.");
    }

    private static IResult Delete(string conversationId, string activityId, HttpRequest request, DirectLineConnector connector, DirectLineConversationStore store)
    {
        if (!connector.IsAuthorized(request))
        {
            return DirectLineEndpoints.Error(StatusCodes.Status401Unauthorized, "Only the bot may use the connector.");
        }

        var conversation = store.Find(conversationId);
        return conversation is not null && conversation.Remove(activityId)
            ? Results.Ok()
            : DirectLineEndpoints.Error(StatusCodes.Status404NotFound, "No such activity in the conversation.");
    }

    private static async Task<(DirectLineConversation? Conversation, Microsoft.Bot.Schema.Activity? Activity, IResult? Failure)> ReadAsync(
        string conversationId, HttpRequest request, DirectLineConnector connector, DirectLineConversationStore store)
    {
        if (!connector.IsAuthorized(request))
        {
            return (null, null, DirectLineEndpoints.Error(StatusCodes.Status401Unauthorized, "Only the bot may use the connector."));
        }

        var conversation = store.Find(conversationId);
        if (conversation is null)
        {
            return (null, null, DirectLineEndpoints.Error(StatusCodes.Status404NotFound, "The conversation does not exist or has ended."));
        }

        using var reader = new StreamReader(request.Body);
        var (activity, _, error) = DirectLineActivityJson.Parse(await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false));
        return activity is null
            ? (null, null, DirectLineEndpoints.Error(StatusCodes.Status400BadRequest, error!))
            : (conversation, activity, null);
    }
}
