using SupportShield.Bot.Accounts;
using SupportShield.Bot.Tests.Support;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Tests.Accounts;

public sealed class JsonSeedVerificationFactorsTests
{
    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task VerificationFactors_ReadInOrderAnyCase_AbsentMeansTheDefault()
    {
        var path = _folder.WriteFile("seed.json", """
            [
              { "id": "a-1", "name": "A", "email": "a@example.com", "phone": "+1 503 555 0100", "verificationFactors": ["SMS", "email", "sms"] },
              { "id": "a-2", "name": "B", "email": "b@example.com" }
            ]
            """);

        var directory = new JsonSeedAccountDirectory(path);

        Assert.That((await directory.FindByIdAsync("a-1"))!.VerificationFactors, Is.EqualTo(new[] { VerificationFactor.Sms, VerificationFactor.Email }));
        Assert.That((await directory.FindByIdAsync("a-2"))!.VerificationFactors, Is.Null);
    }

    [Test]
    public async Task BundledDemoSeed_JohnPrefersTextMessages()
    {
        var directory = new JsonSeedAccountDirectory(AccountsOptions.DefaultSeedFile);

        Assert.That((await directory.FindByIdAsync("acct-1002"))!.VerificationFactors, Is.EqualTo(new[] { VerificationFactor.Sms, VerificationFactor.Email }));
        Assert.That((await directory.FindByIdAsync("acct-1001"))!.VerificationFactors, Is.Null);
    }

    [TestCase("""["sms"]""", "has no phone")]
    [TestCase("""["carrier-pigeon"]""", "'carrier-pigeon'")]
    [TestCase("""["1"]""", "'1'")]
    [TestCase("""[]""", "empty verificationFactors")]
    public void VerificationFactors_Bad_RefusedNamingTheEntry(string factors, string expected)
    {
        var path = _folder.WriteFile("seed.json", $$"""[ { "id": "a-1", "name": "A", "email": "a@example.com", "verificationFactors": {{factors}} } ]""");

        var exception = Assert.Throws<InvalidDataException>(() => _ = new JsonSeedAccountDirectory(path));

        Assert.That(exception!.Message, Does.Contain("entry 1 (id 'a-1')").And.Contain(expected));
    }
}
