using System.Net.WebSockets;
using System.Text;
using Newtonsoft.Json;

namespace SupportShield.Bot.DirectLine;

/// <summary>
/// The WebSocket stream of a conversation (its <c>streamUrl</c>): every activity after the watermark in the URL (all kept
/// when none), then each new one as it is logged, as text messages <c>{"activities": [...], "watermark": "N"}</c>. What
/// the client sends (directlinejs pings with empty messages) is read and ignored.
/// </summary>
internal static class DirectLineStream
{
    public static async Task AcceptAsync(string conversationId, HttpContext http, DirectLineTokenService tokens, DirectLineConversationStore store, TimeProvider time)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await DirectLineEndpoints.Error(StatusCodes.Status400BadRequest, "The stream is a WebSocket; connect with a WebSocket client.").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        var ticket = http.Request.Query["t"].ToString();
        var grant = tokens.ReadStreamTicket(ticket);
        if (grant is null && DirectLineCaller.From(http.Request, tokens) is { Caller: { } caller } && caller.MayUse(conversationId))
        {
            grant = caller.Token ?? new DirectLineToken(conversationId, "secret", DateTimeOffset.MaxValue);
        }

        if (grant is null || !string.Equals(grant.ConversationId, conversationId, StringComparison.Ordinal))
        {
            await DirectLineEndpoints.Error(StatusCodes.Status403Forbidden, "The stream ticket is not valid for this conversation (get a new streamUrl).").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        var conversation = store.Find(conversationId);
        if (conversation is null)
        {
            await DirectLineEndpoints.Error(StatusCodes.Status404NotFound, "The conversation does not exist or has ended.").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        if (!DirectLineEndpoints.TryWatermark(http.Request, out var watermark))
        {
            await DirectLineEndpoints.Error(StatusCodes.Status400BadRequest, "The watermark must be a whole number.").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var receiving = DrainAsync(socket, closing.Token);
        try
        {
            while (socket.State == WebSocketState.Open && !conversation.Ended)
            {
                var snapshot = conversation.ReadAfter(watermark);
                if (snapshot.Activities.Count > 0)
                {
                    var message = Encoding.UTF8.GetBytes(DirectLineEndpoints.ActivitySet(snapshot).ToString(Formatting.None));
                    await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, closing.Token).ConfigureAwait(false);
                    conversation.Touch(time.GetUtcNow());
                }

                watermark = snapshot.Watermark;
                if (await Task.WhenAny(snapshot.Changed, receiving).ConfigureAwait(false) == receiving)
                {
                    break;
                }
            }

            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                var reason = conversation.Ended ? "conversation ended" : "closing";
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            await closing.CancelAsync().ConfigureAwait(false);
            try
            {
                await receiving.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Reads (and drops) what the client sends until it closes.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
        }
    }
}
