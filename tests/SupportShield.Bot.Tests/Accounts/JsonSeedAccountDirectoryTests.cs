using SupportShield.Bot.Accounts;
using SupportShield.Bot.Tests.Support;

namespace SupportShield.Bot.Tests.Accounts;

public sealed class JsonSeedAccountDirectoryTests
{
    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task Constructor_BundledDemoSeed_LoadsThreeAccounts()
    {
        var directory = new JsonSeedAccountDirectory(AccountsOptions.DefaultSeedFile);

        Assert.That(directory.Accounts, Has.Count.EqualTo(3));
        var jane = await directory.FindByIdAsync("acct-1001");
        Assert.That(jane, Is.Not.Null);
        Assert.That(jane!.Name, Is.EqualTo("Jane Doe"));
        Assert.That(jane.Email, Is.EqualTo("jane.doe@example.com"));
        Assert.That(jane.Phone, Is.EqualTo("+1 503 555 0142"));
        Assert.That(jane.PostalAddress, Is.EqualTo("742 Evergreen Terrace, Springfield, OR 97403"));
        Assert.That(jane.Zip, Is.EqualTo("97403"));
        Assert.That(jane.CardLast4, Is.EqualTo("4242"));
        Assert.That(jane.DateOfBirth, Is.EqualTo(new DateOnly(1985, 3, 14)));
    }

    [TestCase("jane.doe@example.com")]
    [TestCase("  Jane.Doe@EXAMPLE.com ")]
    public async Task FindByContactAsync_EmailAnyCaseOrPadding_FindsAccount(string contact)
    {
        var directory = new JsonSeedAccountDirectory(AccountsOptions.DefaultSeedFile);

        Assert.That((await directory.FindByContactAsync(contact))?.Id, Is.EqualTo("acct-1001"));
    }

    [TestCase("+1 (503) 555-0142")]
    [TestCase("5035550142")]
    [TestCase("503.555.0142")]
    [TestCase("1-503-555-0142")]
    [TestCase(" +15035550142 ")]
    public async Task FindByContactAsync_PhoneFormats_FindsAccount(string contact)
    {
        var directory = new JsonSeedAccountDirectory(AccountsOptions.DefaultSeedFile);

        Assert.That((await directory.FindByContactAsync(contact))?.Id, Is.EqualTo("acct-1001"));
    }

    [TestCase("+1 (415) 555-0123", "acct-1003")]
    [TestCase("john.roe@example.org", "acct-1002")]
    public async Task FindByContactAsync_OtherAccounts_FindsThem(string contact, string id)
    {
        var directory = new JsonSeedAccountDirectory(AccountsOptions.DefaultSeedFile);

        Assert.That((await directory.FindByContactAsync(contact))?.Id, Is.EqualTo(id));
    }

    [TestCase("someone.else@example.com")]
    [TestCase("503 555 0199")]
    [TestCase("555-0142")]
    [TestCase("call me")]
    [TestCase("")]
    [TestCase("44 503 555 0142")]
    public async Task FindByContactAsync_NoMatch_ReturnsNull(string contact)
    {
        var directory = new JsonSeedAccountDirectory(AccountsOptions.DefaultSeedFile);

        Assert.That(await directory.FindByContactAsync(contact), Is.Null);
    }

    [Test]
    public async Task FindByIdAsync_Unknown_ReturnsNull()
    {
        var directory = new JsonSeedAccountDirectory(AccountsOptions.DefaultSeedFile);

        Assert.That(await directory.FindByIdAsync("acct-9999"), Is.Null);
    }

    [TestCase("[ { \"id\": \"a\", \"name\": \"A\", \"email\": ", "not a JSON array")]
    [TestCase("{ \"id\": \"a\" }", "not a JSON array")]
    [TestCase("null", "null instead of an array")]
    [TestCase("[ { \"name\": \"A\", \"email\": \"a@example.com\" } ]", "entry 1 has no id")]
    [TestCase("[ { \"id\": \"a\", \"name\": \"A\" } ]", "entry 1 (id 'a') has no valid email")]
    [TestCase("[ { \"id\": \"a\", \"email\": \"a@example.com\" } ]", "has no name")]
    [TestCase("[ { \"id\": \"a\", \"name\": \"A\", \"email\": \"a@example.com\" }, { \"id\": \"a\", \"name\": \"B\", \"email\": \"b@example.com\" } ]", "entry 2 (id 'a') repeats an id")]
    [TestCase("[ { \"id\": \"a\", \"name\": \"A\", \"email\": \"a@example.com\" }, { \"id\": \"b\", \"name\": \"B\", \"email\": \"A@Example.com\" } ]", "repeats the email of account 'a'")]
    [TestCase("[ { \"id\": \"a\", \"name\": \"A\", \"email\": \"a@example.com\", \"phone\": \"503-555-0100\" }, { \"id\": \"b\", \"name\": \"B\", \"email\": \"b@example.com\", \"phone\": \"+1 503 555 0100\" } ]", "repeats the phone of account 'a'")]
    [TestCase("[ { \"id\": \"a\", \"name\": \"A\", \"email\": \"a@example.com\", \"dateOfBirth\": \"14/03/1985\" } ]", "not yyyy-MM-dd")]
    public void Constructor_BrokenSeed_ThrowsNamingFileAndProblem(string json, string problem)
    {
        var file = _folder.WriteFile("seed.json", json);

        var exception = Assert.Throws<InvalidDataException>(() => _ = new JsonSeedAccountDirectory(file));

        Assert.That(exception!.Message, Does.Contain(file).And.Contain(problem));
    }

    [Test]
    public void Constructor_MissingFile_ThrowsFileNotFoundNamingIt()
    {
        var file = Path.Combine(_folder.Path, "absent.json");

        var exception = Assert.Throws<FileNotFoundException>(() => _ = new JsonSeedAccountDirectory(file));

        Assert.That(exception!.Message, Does.Contain(file));
    }

    [TestCase("+1 (503) 555-0142", "5035550142")]
    [TestCase("15035550142", "5035550142")]
    [TestCase("5035550142", "5035550142")]
    [TestCase("---", null)]
    [TestCase("ext. 12", null)]
    public void NormalizePhone_Formats_DigitsWithoutCountryCode(string phone, string? expected) =>
        Assert.That(JsonSeedAccountDirectory.NormalizePhone(phone), Is.EqualTo(expected));
}
