using SupportShield.Detection.Intent;

namespace SupportShield.Detection.Tests.Intent;

[TestFixture]
public sealed class CustomerIntentClassifierTests
{
    private static readonly CustomerIntentClassifier Classifier = new();

    [TestCase("what address do you have for me", "address")]
    [TestCase("can you tell me the email on my account", "email")]
    [TestCase("what's my username", "account")]
    [TestCase("does the phone end in 0178?", "phone")]
    [TestCase("can you confirm my date of birth", "dob")]
    [TestCase("read me my card number", "card")]
    [TestCase("Please, it's urgent!! what is the phone number on file for me", "phone")]
    [TestCase("I'm calling for my mother, what's her address", "address")]
    [TestCase("wat adress do u have for me", "address")]
    [TestCase("I actually cannot remember my username", "account")]
    [TestCase("what name do you have saved for me", "name")]
    [TestCase("what's the address on file?", "address")]
    [TestCase("which email is on the account?", "email")]
    [TestCase("Can you give me the email address associated with this account?", "email")]
    [TestCase("is my date of birth 3/14/1985?", "dob")]
    [TestCase("what email did I sign up with", "email")]
    public void Classify_AskForDataOnFile_IsRequestPii(string text, string field)
    {
        var result = Classifier.Classify(text);
        Assert.Multiple(() =>
        {
            Assert.That(result.Intent, Is.EqualTo(CustomerIntent.RequestPii), result.RuleId);
            Assert.That(result.Fields, Does.Contain(field));
            Assert.That(result.RuleId, Does.StartWith("intent.request."));
        });
    }

    [TestCase("I need to change my email", "email")]
    [TestCase("please update my phone number", "phone")]
    [TestCase("I moved, can you update my address?", "address")]
    [TestCase("How do I change my last name?", "name")]
    [TestCase("I want to reset my password", "password")]
    [TestCase("How can I set a new pin.", "pin")]
    [TestCase("turn off two-factor on my account", "2fa")]
    [TestCase("forgot my password, can you help", "password")]
    [TestCase("I can't get into my account", "account")]
    [TestCase("please ship it to 10 Downing Street, London SW1A 2AA", "address")]
    [TestCase("send my statements to jane.doe@example.com from now on", "email")]
    [TestCase("can you send the order to a different address", "address")]
    [TestCase("pls chnage my emial", "email")]
    [TestCase("I'd like to use a different email for my account", "email")]
    [TestCase("can I get statements sent to my work email instead", "email")]
    [TestCase("My email changed last week", "email")]
    public void Classify_ChangeOrRecovery_IsChangeContact(string text, string field)
    {
        var result = Classifier.Classify(text);
        Assert.Multiple(() =>
        {
            Assert.That(result.Intent, Is.EqualTo(CustomerIntent.ChangeContact), result.RuleId);
            Assert.That(result.Fields, Does.Contain(field));
        });
    }

    [TestCase("my email is x@y.com")]
    [TestCase("here's my SSN 078-05-1123")]
    [TestCase("My name is Vanessa P. Hertzog")]
    [TestCase("Order ID: 3348917502")]
    [TestCase("Crystal Minh")]
    public void Classify_VolunteeredData_IsProvidePii(string text) =>
        Assert.That(Classifier.Classify(text).Intent, Is.EqualTo(CustomerIntent.ProvidePii));

    [TestCase("what is your address?")]
    [TestCase("what's your customer service number")]
    [TestCase("where is your store")]
    [TestCase("what are your hours")]
    [TestCase("what is your name")]
    [TestCase("change your name to max")]
    [TestCase("Where do I verify my identity?")]
    [TestCase("My card is lost! What do I do now?")]
    [TestCase("Thank you that is all")]
    [TestCase("can you update my order status")]
    [TestCase("what's the phone number for customer service")]
    [TestCase("what is the address of your head office")]
    [TestCase("ship it to my home address please")]
    [TestCase("")]
    public void Classify_CompanyQuestionOrSmallTalk_IsNone(string text) =>
        Assert.That(Classifier.Classify(text).Intent, Is.EqualTo(CustomerIntent.None), Classifier.Classify(text).RuleId);

    [Test]
    public void Classify_RequestAndChangeTogether_RequestWins() =>
        Assert.That(Classifier.Classify("what email do you have for me? I may need to change it").Intent, Is.EqualTo(CustomerIntent.RequestPii));

    [Test]
    public void Classify_TwoClassifiers_GiveSameRuleAndFields()
    {
        var first = new CustomerIntentClassifier().Classify("what's my username");
        var second = Classifier.Classify("what's my username");
        Assert.That((second.RuleId, string.Join(",", second.Fields)), Is.EqualTo((first.RuleId, string.Join(",", first.Fields))));
    }
}
