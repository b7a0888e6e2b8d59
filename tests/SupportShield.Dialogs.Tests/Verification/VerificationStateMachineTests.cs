using System.Reflection;
using System.Security.Cryptography;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.Security;
using SupportShield.Middleware.Verification;
using SupportShield.Testing;

namespace SupportShield.Dialogs.Tests.Verification;

public sealed class VerificationStateMachineTests
{
    private const string Conversation = "conv-1";
    private const string AccountId = "acct-1001";

    [Test]
    public async Task CheckCode_RightCode_VerifiesForThirtyMinutes()
    {
        var harness = new ShieldHarness();
        var issued = await harness.Machine.IssueCodeAsync(Conversation, AccountId);

        var result = await harness.Machine.CheckCodeAsync(Conversation, issued.Code!);
        var status = await harness.Machine.GetStatusAsync(Conversation);

        Assert.That(result.Outcome, Is.EqualTo(CodeCheckOutcome.Verified));
        Assert.That(status.IsVerifiedFor(AccountId), Is.True);
        Assert.That(status.Until, Is.EqualTo(harness.Time.GetUtcNow() + TimeSpan.FromMinutes(30)));
        harness.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.That((await harness.Machine.GetStatusAsync(Conversation)).State, Is.EqualTo(VerificationState.None));
    }

    [Test]
    public async Task CheckCode_AfterTenMinutes_Expired()
    {
        var harness = new ShieldHarness();
        var issued = await harness.Machine.IssueCodeAsync(Conversation, AccountId);
        harness.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        var result = await harness.Machine.CheckCodeAsync(Conversation, issued.Code!);

        Assert.That(result.Outcome, Is.EqualTo(CodeCheckOutcome.Expired));
        Assert.That((await harness.Machine.GetStatusAsync(Conversation)).State, Is.EqualTo(VerificationState.None));
    }

    [Test]
    public async Task CheckCode_JustBeforeExpiry_Verifies()
    {
        var harness = new ShieldHarness();
        var issued = await harness.Machine.IssueCodeAsync(Conversation, AccountId);
        harness.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));

        Assert.That((await harness.Machine.CheckCodeAsync(Conversation, issued.Code!)).Outcome, Is.EqualTo(CodeCheckOutcome.Verified));
    }

    [Test]
    public async Task CheckCode_FiveWrongCodes_LocksAccountForThirtyMinutesEvenForTheRightCode()
    {
        var harness = new ShieldHarness();
        var issued = await harness.Machine.IssueCodeAsync(Conversation, AccountId);
        var outcomes = new List<CodeCheckOutcome>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add((await harness.Machine.CheckCodeAsync(Conversation, "00000001")).Outcome);
        }

        Assert.That(outcomes, Is.EqualTo(new[] { CodeCheckOutcome.Wrong, CodeCheckOutcome.Wrong, CodeCheckOutcome.Wrong, CodeCheckOutcome.Wrong, CodeCheckOutcome.LockedNow }));
        Assert.That((await harness.Machine.GetStatusAsync(Conversation)).State, Is.EqualTo(VerificationState.Locked));
        Assert.That((await harness.Machine.CheckCodeAsync(Conversation, issued.Code!)).Outcome, Is.Not.EqualTo(CodeCheckOutcome.Verified));

        harness.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.That((await harness.Machine.IssueCodeAsync(Conversation, AccountId)).IsLocked, Is.True);
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        var fresh = await harness.Machine.IssueCodeAsync(Conversation, AccountId);
        Assert.That(fresh.IsLocked, Is.False);
        Assert.That((await harness.Machine.CheckCodeAsync(Conversation, fresh.Code!)).Outcome, Is.EqualTo(CodeCheckOutcome.Verified));
    }

    [Test]
    public async Task CheckCode_WrongCodesInAnotherConversation_CountTowardsTheSameAccountLock()
    {
        var harness = new ShieldHarness();
        await harness.Machine.IssueCodeAsync("conv-a", AccountId);
        await harness.Machine.IssueCodeAsync("conv-b", AccountId);
        for (var i = 0; i < 3; i++)
        {
            await harness.Machine.CheckCodeAsync("conv-a", "00000001");
        }

        var fourth = await harness.Machine.CheckCodeAsync("conv-b", "00000001");
        var fifth = await harness.Machine.CheckCodeAsync("conv-b", "00000001");

        Assert.That(fourth.RemainingTries, Is.EqualTo(1));
        Assert.That(fifth.Outcome, Is.EqualTo(CodeCheckOutcome.LockedNow));
        Assert.That((await harness.Machine.GetStatusAsync("conv-a")).State, Is.EqualTo(VerificationState.Locked));
    }

    [Test]
    public async Task CheckCode_CodeIssuedForAnotherConversation_DoesNotWork()
    {
        var harness = new ShieldHarness(codes: ["11111111", "22222222"]);
        var first = await harness.Machine.IssueCodeAsync("conv-a", AccountId);
        await harness.Machine.IssueCodeAsync("conv-b", AccountId);

        Assert.That((await harness.Machine.CheckCodeAsync("conv-b", first.Code!)).Outcome, Is.EqualTo(CodeCheckOutcome.Wrong));
    }

    [Test]
    public async Task IssueCode_Again_InvalidatesTheEarlierCode()
    {
        var harness = new ShieldHarness(codes: ["11111111", "22222222"]);
        var first = await harness.Machine.IssueCodeAsync(Conversation, AccountId);
        var second = await harness.Machine.IssueCodeAsync(Conversation, AccountId);

        Assert.That((await harness.Machine.CheckCodeAsync(Conversation, first.Code!)).Outcome, Is.EqualTo(CodeCheckOutcome.Wrong));
        Assert.That((await harness.Machine.CheckCodeAsync(Conversation, second.Code!)).Outcome, Is.EqualTo(CodeCheckOutcome.Verified));
    }

    [Test]
    public async Task IssueCode_NoMatchingAccount_NoCodeCanVerify()
    {
        var harness = new ShieldHarness(codes: ["11111111"]);
        await harness.Machine.IssueCodeAsync(Conversation, accountId: null);

        Assert.That((await harness.Machine.CheckCodeAsync(Conversation, "11111111")).Outcome, Is.EqualTo(CodeCheckOutcome.Wrong));
        Assert.That((await harness.Machine.GetStatusAsync(Conversation)).State, Is.EqualTo(VerificationState.Pending));
    }

    [Test]
    public async Task IssueCode_StoresOnlyAKeyedHashOfTheCode()
    {
        var harness = new ShieldHarness(codes: ["31415926"]);
        await harness.Machine.IssueCodeAsync(Conversation, AccountId);

        var stored = await new VerificationStore(harness.Storage).GetConversationAsync(Conversation, CancellationToken.None);
        var serialized = Newtonsoft.Json.JsonConvert.SerializeObject(stored);

        Assert.That(serialized, Does.Not.Contain("31415926"));
        Assert.That(stored.CodeHash, Is.Not.Null);
        Assert.That(Convert.FromBase64String(stored.CodeHash!), Is.Not.EqualTo(SHA256.HashData("31415926"u8.ToArray())));
    }

    [Test]
    public void KeyedHasherMatches_ComparesWithCryptographicOperationsFixedTimeEquals()
    {
        // The constant-time comparison is a property of the code, not of timings: read the method body and find the call.
        var method = typeof(KeyedHasher).GetMethod(nameof(KeyedHasher.Matches))!;
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        var fixedTimeEquals = typeof(CryptographicOperations).GetMethod(nameof(CryptographicOperations.FixedTimeEquals), [typeof(ReadOnlySpan<byte>), typeof(ReadOnlySpan<byte>)])!;
        var called = new List<MethodBase>();
        for (var i = 0; i < il.Length - 4; i++)
        {
            if (il[i] is 0x28 or 0x6F)
            {
                try
                {
                    if (method.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1)) is { } target)
                    {
                        called.Add(target);
                    }
                }
                catch (ArgumentException)
                {
                }
            }
        }

        Assert.That(called, Does.Contain(fixedTimeEquals));
        Assert.That(called.Select(m => m.Name), Has.None.EqualTo("SequenceEqual"));
    }

    [Test]
    public async Task CheckCode_UsesTheKeyedHasher_SoAnotherKeyCannotVerify()
    {
        var harness = new ShieldHarness(codes: ["42424242"]);
        await harness.Machine.IssueCodeAsync(Conversation, AccountId);
        var otherKey = new VerificationStateMachine(
            new VerificationStore(harness.Storage),
            new KeyedHasher(RandomNumberGenerator.GetBytes(32)),
            harness.Codes,
            harness.Options,
            harness.Time);

        Assert.That((await otherKey.CheckCodeAsync(Conversation, "42424242")).Outcome, Is.EqualTo(CodeCheckOutcome.Wrong));
    }
}
