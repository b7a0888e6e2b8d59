using SupportShield.Detection.Accounts;
using SupportShield.Detection.Conversation;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Tests.Conversation;

[TestFixture]
public sealed class ConfirmationDetectorTests
{
    private static readonly AccountValues Account = new()
    {
        Name = "Crystal Minh",
        Email = "cminh730@email.com",
        Phone = "+1 (415) 555-0178",
        PostalAddress = "742 Evergreen Terrace, Springfield, OR",
        Zip = "97403",
        CardLast4 = "0142",
        DateOfBirth = new DateOnly(1985, 3, 14),
    };

    private static readonly DetectionEngine Engine = DetectionEngine.CreateDefault();

    private static AnalysisResult Analyze(string previous, string reply, MessageRole role = MessageRole.Agent) =>
        Engine.Analyze(new AnalysisRequest(reply)
        {
            Role = role,
            Account = Account,
            PreviousFromOtherParty = previous,
            RecentFromSameSender = ["Thanks for waiting."],
        });

    private static List<Finding> Confirmations(AnalysisResult result) =>
        result.ConversationFindings.Where(f => f.RuleId == ConfirmationDetector.RuleId).ToList();

    [TestCase("is it still 742 Evergreen Terrace?", "yes, that's right", "yes, that's right", EntityType.Address, "confirmation.address.street")]
    [TestCase("does my phone end in 0178?", "That's correct.", "That's correct", EntityType.Phone, "confirmation.phone.last4")]
    [TestCase("is the email cminh730@email.com", "yep that's the one we have", "yep that's the one we have", EntityType.Email, "confirmation.email")]
    [TestCase("the card is the one ending 0142 I think", "correct, ending in 0142", "correct", EntityType.CardLast4, "confirmation.card.last4")]
    [TestCase("my zip is 97403", "Thanks, that matches our records.", "that matches our records", EntityType.Zip, "confirmation.zip")]
    [TestCase("is it seven four two Evergreen?", "Affirmative", "Affirmative", EntityType.Address, "confirmation.address.street-number.words")]
    [TestCase("was I born March fourteenth?", "Yes! Happy early birthday", "Yes", EntityType.DateOfBirth, "confirmation.dob.month-day.words")]
    [TestCase("number is 415 555 0178 right?", "I can confirm that", "I can confirm that", EntityType.Phone, "confirmation.phone")]
    public void Analyze_AgentConfirmsCustomersGuess_ReportsConfirmation(string previous, string reply, string span, EntityType type, string field)
    {
        var found = Confirmations(Analyze(previous, reply));
        Assert.That(found, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(found[0].Type, Is.EqualTo(type));
            Assert.That(found[0].Value, Is.EqualTo(span));
            Assert.That(reply[found[0].Start..found[0].End], Is.EqualTo(span));
            Assert.That(found[0].OnFileField, Is.EqualTo(field));
            Assert.That(found[0].Score, Is.GreaterThanOrEqualTo(0.9));
            Assert.That(found[0].Explanation.Pattern, Does.StartWith("confirms"));
        });
    }

    [TestCase("is it 742 Evergreen Terrace?", "no, that's not it", "no")]
    [TestCase("my phone ends in 0178", "Hmm, that doesn't match what we have", "doesn't match")]
    public void Analyze_AgentDeniesGuessOfOnFileValue_ReportsLowerScoredDenial(string previous, string reply, string cueStart)
    {
        var found = Confirmations(Analyze(previous, reply));
        Assert.That(found, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(found[0].Value, Does.StartWith(cueStart));
            Assert.That(found[0].Score, Is.LessThan(0.9).And.GreaterThanOrEqualTo(PiiDetector.DefaultThreshold));
            Assert.That(found[0].Explanation.Pattern, Does.StartWith("denies"));
        });
    }

    [TestCase("can you help me with a return?", "yes, that's right")]
    [TestCase("is it 12 Oak Street?", "yes, that's correct")]
    [TestCase("does my phone end in 9999?", "yep")]
    [TestCase("is it still 742 Evergreen Terrace?", "Let me check that for you.")]
    [TestCase("is it still 742 Evergreen Terrace?", "Yes, I can help you update your address.")]
    [TestCase("is it still 742 Evergreen Terrace?", "Sorry, I can't confirm that over chat.")]
    [TestCase("is it still 742 Evergreen Terrace?", "No problem, one moment.")]
    [TestCase("my zip is 97403", "Thanks! What can I help with today?")]
    public void Analyze_NoOnFileGuessOrNoAnswer_ReportsNothing(string previous, string reply) =>
        Assert.That(Confirmations(Analyze(previous, reply)), Is.Empty);

    [Test]
    public void Analyze_CustomerSaysYesAfterAgentStatement_ReportsNothing() =>
        Assert.That(Confirmations(Analyze("is your address 742 Evergreen Terrace?", "yes that's right", MessageRole.Customer)), Is.Empty);

    [Test]
    public void Analyze_NoAccount_ReportsNothing()
    {
        var result = Engine.Analyze(new AnalysisRequest("yes, that's right") { PreviousFromOtherParty = "is it 742 Evergreen Terrace?" });
        Assert.That(Confirmations(result), Is.Empty);
    }

    [Test]
    public void Analyze_Confirmation_ReachesThePolicyDecision()
    {
        var confirmed = Analyze("is it still 742 Evergreen Terrace?", "yes, that's right");
        var unrelated = Analyze("can you help me with a return?", "yes, that's right");
        Assert.That(confirmed.AllFindings.Select(f => f.RuleId), Does.Contain(ConfirmationDetector.RuleId));
        Assert.That(confirmed.Decision, Is.Not.EqualTo(unrelated.Decision));
    }
}
