using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class AccountValueRecognizerTests
{
    private static readonly AccountValues Account = new()
    {
        AccountId = "PR9XRH6NXO",
        Name = "Crystal Minh",
        Email = "cminh730@email.com",
        Phone = "+1 (415) 555-0178",
        PostalAddress = "742 Evergreen Terrace, Springfield, OR",
        Zip = "97403",
        CardLast4 = "4242",
        DateOfBirth = new DateOnly(1985, 3, 14),
    };

    private static List<(string Value, string? Field)> Found(string text) =>
        new AccountValueRecognizer().Recognize(text, Account).Select(f => (f.Value, f.OnFileField)).ToList();

    [TestCase("it's CMINH730@Email.com", "CMINH730@Email.com", "email")]
    [TestCase("is the login cminh730?", "cminh730", "email.local-part")]
    [TestCase("call 415.555.0178", "415.555.0178", "phone")]
    [TestCase("call +1 415 555 0178 now", "+1 415 555 0178", "phone")]
    [TestCase("(415)555-0178", "(415)555-0178", "phone")]
    [TestCase("does the phone end in 0178?", "0178", "phone.last4")]
    [TestCase("card ending 4242", "4242", "card.last4")]
    [TestCase("742 EVERGREEN TER., Springfield, Oregon", "742 EVERGREEN TER", "address.street")]
    [TestCase("is it 742 evergreen terrace springfield or", "742 evergreen terrace springfield or", "address")]
    [TestCase("near 742 Evergreen right?", "742 Evergreen", "address.street-number")]
    [TestCase("the one on Evergreen Terrace", "Evergreen Terrace", "address.street-name")]
    [TestCase("zip 97403", "97403", "zip")]
    [TestCase("this is crystal minh", "crystal minh", "name")]
    [TestCase("born 03/14/1985", "03/14/1985", "dob")]
    [TestCase("is it March 14, 1985?", "March 14, 1985", "dob")]
    [TestCase("14 March 1985", "14 March 1985", "dob")]
    [TestCase("1985-03-14", "1985-03-14", "dob")]
    [TestCase("born in 1985", "1985", "dob.year")]
    [TestCase("account pr9xrh6nxo", "pr9xrh6nxo", "account-id")]
    public void Recognize_OnFileValueInAnyFormat_FindsItWithField(string text, string value, string field) =>
        Assert.That(Found(text), Does.Contain((value, (string?)field)));

    [TestCase("Hi, this is Crystal")]
    [TestCase("card 4111111111114242")]
    [TestCase("call 415-555-0179")]
    [TestCase("the year 1985 was great")]
    [TestCase("zip 97404")]
    [TestCase("my email is other@email.com")]
    public void Recognize_NotOnFileOrTooPartial_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);

    [Test]
    public void Recognize_NoAccount_FindsNothing() =>
        Assert.That(new AccountValueRecognizer().Recognize("cminh730@email.com", null), Is.Empty);

    [Test]
    public void Recognize_OnFileFinding_TypeIsFieldTypeAndRuleIdNamesField()
    {
        var finding = new AccountValueRecognizer().Recognize("ending 0178", Account).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Type, Is.EqualTo(EntityType.Phone));
            Assert.That(finding.RuleId, Is.EqualTo("account.phone.last4"));
            Assert.That(finding.IsOnFile, Is.True);
        });
    }
}
