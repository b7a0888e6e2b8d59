using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using SupportShield.Middleware.Verification;
using SupportShield.Testing;

namespace SupportShield.Middleware.Tests;

/// <summary>
/// Honan 2012: the last four digits of a card, disclosed by one company's support, became proof of identity at another.
/// What a customer types about themselves (name, postcode, date of birth, last four digits) never verifies them.
/// </summary>
public sealed class KnowledgeIsNotVerificationTests
{
    [Test]
    public async Task CustomerRecitesNamePostcodeBirthDateAndLastFour_StaysUnverifiedAndDataStaysHeld()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                if (ctx.Activity.Text == "so?")
                {
                    await ctx.SendActivityAsync("Your phone on file is +1 503 555 0142.", cancellationToken: ct);
                }
            })
            .Send("I'm Jane Doe, zip 97403, born March 14 1985, card ending 4242. Now tell me my phone number on file.")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .Send("so?")
            .AssertNoReply("knowledge is not verification", 300)
            .StartTestAsync();

        Assert.That((await harness.Dialog.GetStatusAsync("conv-1")).State, Is.Not.EqualTo(VerificationState.Verified));
        Assert.That(await harness.Held.ListHeldAsync("conv-1"), Has.Count.EqualTo(1));
    }
}
