using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using SupportShield.Dialogs.Identity;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.Accounts;
using SupportShield.Middleware.Verification;
using SupportShield.Testing;

namespace SupportShield.Dialogs.Tests.Verification;

/// <summary>The host page's signed identity token in <c>channelData</c>, through the middleware.</summary>
public sealed class IdentityTokenDialogTests
{
    private static readonly Account John = new() { Id = "acct-1002", Name = "John Roe", Email = "john.roe@example.org" };

    private static TestFlow Flow(TestAdapter adapter) => new(adapter, (_, _) => Task.CompletedTask);

    private static Activity Message(string text, string token) =>
        new(ActivityTypes.Message) { Text = text, ChannelData = new JObject { ["supportShieldIdentity"] = token } };

    private static string Token(ShieldHarness harness, string subject = "acct-1001", string? jti = "jti-1", TimeSpan? expiresIn = null, string issuer = ShieldHarness.IdentityIssuer, byte[]? key = null) =>
        IdentityTokenFactory.Create(key ?? ShieldHarness.IdentityKey, issuer, subject, harness.Time.GetUtcNow() + (expiresIn ?? TimeSpan.FromMinutes(5)), jti, issuedAt: harness.Time.GetUtcNow() - TimeSpan.FromSeconds(5));

    private static IEnumerable<string> RuleIds(ShieldHarness harness) => harness.Audit.All.SelectMany(a => a.RuleIds);

    [Test]
    public async Task ValidToken_LinkedAccount_VerifiedWithoutACode()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send(Message("what address do you have for me?", Token(harness)))
            .AssertNoReply()
            .Send(Message("and my phone number?", Token(harness)))
            .AssertNoReply()
            .StartTestAsync();

        Assert.That((await harness.Dialog.GetStatusAsync("conv-1")).IsVerifiedFor(ShieldHarness.Jane.Id), Is.True);
        Assert.That(harness.Email.Sent, Is.Empty);
        Assert.That(harness.Sms.Sent, Is.Empty);
        Assert.That(RuleIds(harness), Does.Contain("verification.identity-token"));
        Assert.That(harness.Audit.All.Count(a => a.Action == "verification.succeeded"), Is.EqualTo(1), "the token on the next message changes nothing");
        Assert.That(harness.Audit.All.Select(a => a.Action), Has.None.EqualTo("verification.identity-ignored"));
    }

    [Test]
    public async Task ValidToken_NoLinkedAccount_LinksTheAccountItNamesAndVerifies()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();

        await Flow(adapter)
            .Send(Message("what email do you have for me?", Token(harness)))
            .AssertNoReply()
            .StartTestAsync();

        Assert.That((await harness.Conversations.GetAsync("conv-1"))!.AccountId, Is.EqualTo(ShieldHarness.Jane.Id));
        Assert.That((await harness.Dialog.GetStatusAsync("conv-1")).IsVerifiedFor(ShieldHarness.Jane.Id), Is.True);
    }

    [Test]
    public async Task ValidToken_WhileACodeIsAwaited_VerifiesSaysSoAndTheCodeIsGone()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send("what address do you have for me?")
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime))
            .Send(Message("I'm signed in on the website", Token(harness)))
            .AssertReply(VerificationMessages.Verified)
            .StartTestAsync();

        Assert.That((await harness.Machine.CheckCodeAsync("conv-1", "12345678")).Outcome, Is.EqualTo(CodeCheckOutcome.NotPending));
    }

    [Test]
    public async Task ExpiredToken_Ignored_VerificationAsUsualAndAudited()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);
        var token = Token(harness, expiresIn: TimeSpan.FromMinutes(2));
        harness.Time.Advance(TimeSpan.FromMinutes(3));

        await Flow(adapter)
            .Send(Message("what address do you have for me?", token))
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime))
            .StartTestAsync();

        Assert.That((await harness.Dialog.GetStatusAsync("conv-1")).State, Is.EqualTo(VerificationState.Pending));
        Assert.That(RuleIds(harness), Does.Contain("identity.expired"));
    }

    [Test]
    public async Task WrongIssuer_Ignored()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send(Message("what address do you have for me?", Token(harness, issuer: "https://attacker.example/")))
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime))
            .StartTestAsync();

        Assert.That((await harness.Dialog.GetStatusAsync("conv-1")).State, Is.EqualTo(VerificationState.Pending));
        Assert.That(RuleIds(harness), Does.Contain("identity.wrong-issuer"));
    }

    [Test]
    public async Task OtherAccountsToken_Ignored_TheLinkStays()
    {
        var harness = new ShieldHarness();
        harness.Accounts.Add(John);
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send(Message("what address do you have for me?", Token(harness, subject: John.Id)))
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime))
            .StartTestAsync();

        Assert.That((await harness.Conversations.GetAsync("conv-1"))!.AccountId, Is.EqualTo(ShieldHarness.Jane.Id));
        var status = await harness.Dialog.GetStatusAsync("conv-1");
        Assert.That(status.IsVerifiedFor(John.Id) || status.IsVerifiedFor(ShieldHarness.Jane.Id), Is.False);
        Assert.That(RuleIds(harness), Does.Contain("identity.other-account"));
    }

    [Test]
    public async Task ForgedToken_SignedWithAnotherKey_Ignored()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send(Message("what address do you have for me?", Token(harness, key: new byte[32])))
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime))
            .StartTestAsync();

        Assert.That(RuleIds(harness), Does.Contain("identity.bad-signature"));
    }

    [Test]
    public async Task ReplayedToken_InAnotherConversation_Ignored()
    {
        var harness = new ShieldHarness();
        var token = Token(harness, jti: "jti-replayed");
        var first = harness.CreateAdapter("conv-1");
        await Flow(first).Send(Message("hello", token)).AssertNoReply().StartTestAsync();

        var second = harness.CreateAdapter("conv-2");
        await Flow(second)
            .Send(Message("what address do you have for me?", token))
            .AssertReply(VerificationMessages.AskForContact)
            .StartTestAsync();

        Assert.That((await harness.Dialog.GetStatusAsync("conv-1")).IsVerifiedFor(ShieldHarness.Jane.Id), Is.True);
        Assert.That((await harness.Dialog.GetStatusAsync("conv-2")).State, Is.Not.EqualTo(VerificationState.Verified));
        Assert.That(RuleIds(harness), Does.Contain("identity.replayed"));
    }

    [Test]
    public async Task TokenWithoutIdOrTooLongLived_Ignored()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send(Message("what address do you have for me?", Token(harness, jti: null)))
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime))
            .Send(Message("hello?", Token(harness, jti: "jti-long", expiresIn: TimeSpan.FromHours(2))))
            .StartTestAsync();

        Assert.That((await harness.Dialog.GetStatusAsync("conv-1")).State, Is.EqualTo(VerificationState.Pending));
        Assert.That(RuleIds(harness).Count(r => r == "identity.invalid"), Is.EqualTo(2));
    }

    [Test]
    public async Task ValidToken_AccountOpsLocked_Ignored()
    {
        var harness = new ShieldHarness();
        harness.Options.MaxWrongCodes = 1;
        harness.Options.MaxConsecutiveFailures = 1;
        await harness.Machine.IssueCodeAsync("conv-x", ShieldHarness.Jane.Id);
        await harness.Machine.CheckCodeAsync("conv-x", "99999999");
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send(Message("hello", Token(harness)))
            .StartTestAsync();

        Assert.That((await harness.Dialog.GetStatusAsync("conv-1")).IsVerifiedFor(ShieldHarness.Jane.Id), Is.False);
        Assert.That(RuleIds(harness), Does.Contain("identity.ops-locked"));
    }

    [Test]
    public void Options_ShortKeyOrMissingIssuer_Refused()
    {
        Assert.That(() => new ChannelIdentityOptions { SigningKey = Convert.ToBase64String(new byte[16]), Issuer = "x" }.Validate(), Throws.InvalidOperationException.With.Message.Contains("32 bytes"));
        Assert.That(() => new ChannelIdentityOptions { SigningKey = "not base64!", Issuer = "x" }.Validate(), Throws.InvalidOperationException.With.Message.Contains("base64"));
        Assert.That(() => new ChannelIdentityOptions { SigningKey = Convert.ToBase64String(new byte[32]) }.Validate(), Throws.InvalidOperationException.With.Message.Contains("Issuer"));
        Assert.That(() => new ChannelIdentityOptions().Validate(), Throws.Nothing, "off by default");
    }

    [Test]
    public async Task Audience_WhenConfigured_Required()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var validator = new ChannelIdentityValidator(
            new ChannelIdentityOptions { SigningKey = Convert.ToBase64String(ShieldHarness.IdentityKey), Issuer = ShieldHarness.IdentityIssuer, Audience = "supportshield" },
            time);
        Activity With(string? audience) => Message("hi", IdentityTokenFactory.Create(ShieldHarness.IdentityKey, ShieldHarness.IdentityIssuer, "acct-1001", time.GetUtcNow().AddMinutes(5), "j", audience));

        Assert.That((await validator.CheckAsync(With("supportshield"))).Outcome, Is.EqualTo(IdentityTokenOutcome.Valid));
        Assert.That((await validator.CheckAsync(With("another-app"))).Outcome, Is.EqualTo(IdentityTokenOutcome.WrongAudience));
        Assert.That((await validator.CheckAsync(new Activity(ActivityTypes.Message) { Text = "hi" })).Outcome, Is.EqualTo(IdentityTokenOutcome.None));
        Assert.That((await validator.CheckAsync(Message("hi", "not-a-jwt"))).Outcome, Is.EqualTo(IdentityTokenOutcome.Invalid));
    }
}
