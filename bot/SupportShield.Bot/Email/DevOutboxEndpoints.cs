using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SupportShield.Bot.Http;
using SupportShield.Bot.Storage;
using SupportShield.Bot.Sms;
using SupportShield.Dialogs.Email;
using SupportShield.Dialogs.Sms;

namespace SupportShield.Bot.Email;

/// <summary>
/// <c>GET /dev/outbox</c>: the dev outbox as JSON, newest first, so a developer can read one-time codes without a mail
/// server (and text messages, subject <c>SMS</c>, without an SMS provider). It holds codes and contact details, so it
/// answers only a caller on this machine and only while the dev outbox is an active sender (of email or of SMS); everyone else gets 404, as if it did not exist.
/// </summary>
public static class DevOutboxEndpoints
{
    /// <summary>The route.</summary>
    public const string Path = "/dev/outbox";

    /// <summary>How many emails the endpoint shows at most.</summary>
    public const int MaxEmails = 100;

    public static IEndpointConventionBuilder MapDevOutbox(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(Path, (Func<HttpContext, Task<IResult>>)GetOutboxAsync).ExcludeFromDescription();
    }

    internal static async Task<IResult> GetOutboxAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!LoopbackRequest.IsFromThisMachine(context)
            || (context.RequestServices.GetService<IEmailSender>() is not DevOutboxEmailSender
                && context.RequestServices.GetService<ISmsSender>() is not DevOutboxSmsSender))
        {
            return Results.NotFound();
        }

        var outbox = context.RequestServices.GetRequiredService<IDevOutbox>();
        var emails = await outbox.ListAsync(MaxEmails, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(emails);
    }
}
