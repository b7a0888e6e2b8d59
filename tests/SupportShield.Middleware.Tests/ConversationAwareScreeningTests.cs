using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using SupportShield.Testing;

namespace SupportShield.Middleware.Tests;

/// <summary>What only shows across messages: a number split over two sends, a "yes" to a customer's guess.</summary>
public sealed class ConversationAwareScreeningTests
{
    [Test]
    public async Task OnSendActivities_SecondHalfOfASplitCardNumber_IsHeld()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                switch (ctx.Activity.Text)
                {
                    case "first":
                        await ctx.SendActivityAsync("The card on the order starts 4111 1111", cancellationToken: ct);
                        break;
                    case "second":
                        await ctx.SendActivityAsync("and then 1111 1111", cancellationToken: ct);
                        break;
                }
            })
            .Send("first")
            .AssertReply("The card on the order starts 4111 1111")
            .Send("second")
            .AssertNoReply("the completing half must be held", 300)
            .StartTestAsync();

        var held = await harness.Held.ListHeldAsync("conv-1");
        Assert.That(held, Has.Count.EqualTo(1));
        Assert.That(held[0].Reasons.Select(r => r.Type), Does.Contain("CREDIT_CARD"));
    }

    [Test]
    public async Task OnSendActivities_YesToTheCustomersGuessOfTheAddress_IsHeld()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                if (ctx.Activity.Text!.Contains("Evergreen", StringComparison.Ordinal))
                {
                    await ctx.SendActivityAsync("Yes, that's the one we have.", cancellationToken: ct);
                }
            })
            .Send("I moved recently, is my address on file still 742 Evergreen Terrace?")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .AssertNoReply("the confirmation discloses the address", 300)
            .StartTestAsync();

        var held = await harness.Held.ListHeldAsync("conv-1");
        Assert.That(held, Has.Count.EqualTo(1));
        Assert.That(held[0].Reasons.Select(r => r.Type), Does.Contain("ADDRESS"));
    }
}
