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

    [TestCase("it's four one five, five five five, oh one seven eight", "four one five, five five five, oh one seven eight", "phone.words")]
    [TestCase("call me on four one five five five five zero one seven eight", "four one five five five five zero one seven eight", "phone.words")]
    [TestCase("the number ends oh one seven eight right", "oh one seven eight", "phone.last4.words")]
    [TestCase("ends in zero-one-seventy-eight", "zero-one-seventy-eight", "phone.last4.words")]
    [TestCase("mine ends five five five oh one seven eight", "five five five oh one seven eight", "phone.partial.words")]
    [TestCase("the card ending forty-two forty-two", "forty-two forty-two", "card.last4.words")]
    [TestCase("card ends four two four two", "four two four two", "card.last4.words")]
    [TestCase("yes, seven four two Evergreen", "seven four two Evergreen", "address.street-number.words")]
    [TestCase("it's seven hundred forty two evergreen terrace", "seven hundred forty two evergreen", "address.street-number.words")]
    [TestCase("still living on Evergreen?", "Evergreen", "address.street-name")]
    [TestCase("is the house number 742?", "742", "address.street-number")]
    [TestCase("zip is nine seven four oh three", "nine seven four oh three", "zip.words")]
    [TestCase("my birthday is March fourteenth", "March fourteenth", "dob.month-day.words")]
    [TestCase("born on the fourteenth of March", "fourteenth of March", "dob.month-day.words")]
    [TestCase("birthday March 14th", "March 14th", "dob.month-day")]
    [TestCase("it's March fourteenth, nineteen eighty-five", "March fourteenth, nineteen eighty-five", "dob.words")]
    [TestCase("I was born in nineteen eighty-five", "nineteen eighty-five", "dob.year.words")]
    [TestCase("cminh730 at email dot com", "cminh730 at email dot com", "email.words")]
    public void Recognize_OnFileValueInWordsOrPart_FindsItWithField(string text, string value, string field) =>
        Assert.That(Found(text), Does.Contain((value, (string?)field)));

    [TestCase("Hi, this is Crystal")]
    [TestCase("it's four one five, five five five, oh one seven nine")]
    [TestCase("the card ending forty-two forty-three")]
    [TestCase("seven four two Maple")]
    [TestCase("the order ships March fourteenth")]
    [TestCase("it's March fourteenth, nineteen eighty-six")]
    [TestCase("we opened in nineteen eighty-five")]
    [TestCase("I'll be there at seven forty two")]
    [TestCase("I walked on Evergreen")]
    [TestCase("other at email dot com")]
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

    [TestCase("SW1A 1AA", "post it to sw1a1aa please", "sw1a1aa")]
    [TestCase("SW1A 1AA", "post it to SW1A 1AA please", "SW1A 1AA")]
    [TestCase("97403", "zip 974 03", "974 03")]
    [TestCase("97403", "zip 97404", null)]
    [TestCase("97403", "zip 97403-12", null)]
    public void Recognize_ZipOnFile_MatchesWithAnySpacingOnlyThatZip(string zip, string text, string? expected)
    {
        var recognizer = new AccountValueRecognizer();
        var other = new AccountValues { Zip = "10001" };

        // The other account first, so a zip expression kept from one account can never serve another.
        var none = recognizer.Recognize(text, other).Where(f => f.Type == EntityType.Zip).ToList();
        var found = recognizer.Recognize(text, new AccountValues { Zip = zip }).Where(f => f.Type == EntityType.Zip).Select(f => f.Value).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(none, Is.Empty);
            Assert.That(found, expected is null ? Is.Empty : Is.EqualTo(new[] { expected }));
        });
    }
}
