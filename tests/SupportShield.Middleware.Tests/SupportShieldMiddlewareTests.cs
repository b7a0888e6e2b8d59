using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using SupportShield.Detection;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Intent;
using SupportShield.Detection.Policy;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Screening;
using SupportShield.Middleware.Transcripts;
using SupportShield.Testing;

namespace SupportShield.Middleware.Tests;

public sealed class SupportShieldMiddlewareTests
{
    private const string AddressReply = "Sure, we have 742 Evergreen Terrace, Springfield, OR 97403 on file.";

    [Test]
    public async Task OnSendActivities_UnverifiedCustomerAndOnFileAddress_HoldsWithoutSending()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                if (ctx.Activity.Text == "hello")
                {
                    await ctx.SendActivityAsync(AddressReply, cancellationToken: ct);
                }
            })
            .Send("hello")
            .AssertNoReply("nothing may reach the customer", 300)
            .StartTestAsync();

        var held = await harness.Held.ListHeldAsync("conv-1");
        Assert.That(held, Has.Count.EqualTo(1));
        Assert.That(held[0].Reasons.Select(r => r.Type), Does.Contain("ADDRESS"));
        Assert.That(held[0].Reasons[0].Detail, Does.Contain("customer not verified"));
    }

    [Test]
    public async Task OnSendActivities_MessageWithoutPersonalData_IsDelivered()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) => await ctx.SendActivityAsync("Happy to help with your return.", cancellationToken: ct))
            .Send("hello")
            .AssertReply("Happy to help with your return.")
            .StartTestAsync();

        Assert.That(await harness.Held.ListHeldAsync("conv-1"), Is.Empty);
    }

    [Test]
    public async Task OnTurn_CustomerAsksForAddressWithLinkedAccount_SendsCodeToEmailOnFileAndPrompts()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, (_, _) => Task.CompletedTask)
            .Send("Hi, I'm Jane. What address do you have for me?")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("sent an 8-digit verification code")))
            .StartTestAsync();

        Assert.That(harness.Email.Sent, Has.Count.EqualTo(1));
        Assert.That(harness.Email.Sent[0].To, Is.EqualTo(ShieldHarness.Jane.Email));
        Assert.That(harness.Email.Sent[0].Body, Does.Contain("12345678"));
    }

    [Test]
    public async Task OnTurn_RightCodeAfterHold_ReleasesHeldMessagesInOrder()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                if (ctx.Activity.Text!.StartsWith("what", StringComparison.Ordinal))
                {
                    await ctx.SendActivityAsync("Your phone on file is +1 503 555 0142.", cancellationToken: ct);
                    await ctx.SendActivityAsync(AddressReply, cancellationToken: ct);
                }
            })
            .Send("what phone and address do you have for me?")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .Send("12345678")
            .AssertReply(VerificationMessages.Verified)
            .AssertReply("Your phone on file is +1 503 555 0142.")
            .AssertReply(AddressReply)
            .StartTestAsync();

        Assert.That(await harness.Held.ListHeldAsync("conv-1"), Is.Empty);
        var all = await harness.Held.ListAllAsync("conv-1");
        Assert.That(all.Select(m => m.State), Is.All.EqualTo(HeldMessageState.Released));
    }

    [Test]
    public async Task OnTurn_TypedCode_NeverReachesBotTranscriptOrAudit()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);
        var botSaw = new List<string>();

        await new TestFlow(adapter, (ctx, _) =>
            {
                botSaw.Add(ctx.Activity.Text ?? string.Empty);
                return Task.CompletedTask;
            })
            .Send("can you confirm the email on my account?")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .Send("my code is 9999 9999")
            .AssertReply(VerificationMessages.WrongCode(4))
            .Send("12345678")
            .AssertReply(VerificationMessages.Verified)
            .StartTestAsync();

        Assert.That(botSaw, Has.None.Contain("999").And.None.Contain("12345678"));
        Assert.That(harness.Transcript.All.Select(e => e.Text), Has.None.Contain("999").And.None.Contain("12345678"));
        Assert.That(harness.Transcript.All.Count(e => e.Text == VerificationMessages.CodeEnteredTranscriptNote), Is.EqualTo(2));
        var auditText = string.Join("\n", harness.Audit.All.Select(r => string.Join("|", r.MaskedPreview, string.Join(",", r.RuleIds), string.Join(",", r.ValueHashes))));
        Assert.That(auditText, Does.Not.Contain("9999 9999").And.Not.Contain("12345678"));
    }

    [Test]
    public async Task OnSendActivities_VerifiedCustomer_FullCardNumberIsRedacted()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                if (ctx.Activity.Text == "card?")
                {
                    await ctx.SendActivityAsync("The card we charged is 4111 1111 1111 1111.", cancellationToken: ct);
                }
            })
            .Send("what email do you have for me?")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .Send("12345678")
            .AssertReply(VerificationMessages.Verified)
            .Send("card?")
            .AssertReply("The card we charged is [CREDIT_CARD REDACTED].")
            .StartTestAsync();
    }

    [Test]
    public async Task OnSendActivities_VerifiedCustomer_OnFileAddressFlows()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                if (ctx.Activity.Text == "and?")
                {
                    await ctx.SendActivityAsync(AddressReply, cancellationToken: ct);
                }
            })
            .Send("what address do you have for me?")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .Send("12345678")
            .AssertReply(VerificationMessages.Verified)
            .Send("and?")
            .AssertReply(AddressReply)
            .StartTestAsync();
    }

    [Test]
    public async Task OnUpdateActivity_EditAddingAddressForUnverifiedCustomer_IsHeld()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);
        var edited = false;

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                var sent = await ctx.SendActivityAsync("Let me check that for you.", cancellationToken: ct);
                var edit = MessageFactory.Text(AddressReply);
                edit.Id = sent.Id;
                var updated = await ctx.UpdateActivityAsync(edit, ct);
                edited = updated.Id?.StartsWith("held-", StringComparison.Ordinal) ?? false;
            })
            .Send("hello")
            .AssertReply("Let me check that for you.")
            .StartTestAsync();

        Assert.That(edited, Is.True);
        Assert.That(await harness.Held.ListHeldAsync("conv-1"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task OnSendActivities_AddressInSuggestedActionAndCard_IsHeld()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                var withButton = MessageFactory.SuggestedActions(new List<string> { "Ship to 742 Evergreen Terrace", "Other" }, "Where to?", null, null);
                await ctx.SendActivityAsync(withButton, ct);
                var card = new HeroCard { Title = "Your account", Text = "Email: jane.doe@example.com" };
                await ctx.SendActivityAsync(MessageFactory.Attachment(card.ToAttachment()), ct);
            })
            .Send("hello")
            .AssertNoReply("nothing may reach the customer", 300)
            .StartTestAsync();

        Assert.That(await harness.Held.ListHeldAsync("conv-1"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task OnSendActivities_DetectorThrows_HoldsMessage()
    {
        var harness = new ShieldHarness(new DetectionEngine(
            new PiiDetector(new DetectorOptions { Recognizers = [new ThrowingRecognizer()] }),
            new CustomerIntentClassifier(),
            new PolicyEvaluator(PolicyTable.Default)));
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                if (ctx.Activity.Text == "go")
                {
                    await ctx.SendActivityAsync("anything at all", cancellationToken: ct);
                }
            })
            .Send("go")
            .AssertNoReply("nothing may reach the customer", 300)
            .StartTestAsync();

        var held = await harness.Held.ListHeldAsync("conv-1");
        Assert.That(held, Has.Count.EqualTo(1));
        Assert.That(held[0].Reasons[0].Rule, Is.EqualTo(MessageScreener.ErrorRuleId));
    }

    [Test]
    public async Task OnSendActivities_TooLargeToScreen_IsBlockedWithReason()
    {
        var harness = new ShieldHarness(screeningOptions: new ScreeningOptions { MaxActivityCharacters = 100 });
        var adapter = harness.CreateAdapter();
        ScreeningOutcome? outcome = null;

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                await ctx.SendActivityAsync(new string('a', 101), cancellationToken: ct);
                outcome = ScreeningTurnState.For(ctx).Outcomes.Single();
            })
            .Send("hello")
            .AssertNoReply("nothing may reach the customer", 300)
            .StartTestAsync();

        Assert.That(outcome!.Status, Is.EqualTo(DeliveryStatus.Blocked));
        Assert.That(outcome.Reasons[0].Detail, Does.Contain("split it"));
    }

    [Test]
    public async Task OnTurn_CustomerMessage_IsKeptInAgentTranscript()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();

        await new TestFlow(adapter, (_, _) => Task.CompletedTask)
            .Send("I need to return an item")
            .StartTestAsync();

        Assert.That(harness.Transcript.All.Single().Role, Is.EqualTo(TranscriptRole.Customer));
        Assert.That(harness.Transcript.All.Single().Text, Is.EqualTo("I need to return an item"));
    }

    [Test]
    public async Task OnTurn_ActivityWithoutConversation_Throws()
    {
        var harness = new ShieldHarness();
        var context = new TurnContext(new TestAdapter(), new Activity(ActivityTypes.Message, text: "hi"));

        Assert.That(
            async () => await harness.Middleware.OnTurnAsync(context, _ => Task.CompletedTask),
            Throws.InvalidOperationException.With.Message.Contain("conversation id"));
    }

    private sealed class ThrowingRecognizer : Detection.Recognizers.IRecognizer
    {
        public string Name => "Throwing";

        public IEnumerable<Detection.Entities.Finding> Recognize(string text, Detection.Accounts.AccountValues? account) =>
            throw new InvalidOperationException("engine failure");
    }
}
