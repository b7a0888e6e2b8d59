using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class PersonRecognizerTests
{
    private static List<string> Found(string text) =>
        new PersonRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).ToList();

    [TestCase("My name is Ruth R Montez.", "Ruth R Montez")]
    [TestCase("Hello, this is Dr. Kyle Kuefer. Who are you?", "Kyle Kuefer")]
    [TestCase("Thanks Mr. Sanders, and may I also have your ID", "Sanders")]
    [TestCase("Dear Olufemi,", "Olufemi")]
    [TestCase("my name is crystal minh", "crystal minh")]
    [TestCase("ok joseph", "joseph")]
    [TestCase("Joseph Banter", "Joseph Banter")]
    [TestCase("Please add Thomas Becker as a beneficiary", "Thomas Becker")]
    [TestCase("Maybe it's under Miklós Hajdu", "Miklós Hajdu")]
    [TestCase("Name:    Abby M. Laidlaw", "Abby M. Laidlaw")]
    [TestCase("I'm Melvin's daughter", "Melvin")]
    [TestCase("Thanks,\nPriya", "Priya")]
    [TestCase("her maiden name is nyberg", "nyberg")]
    [TestCase("on behalf of Ewa Kowalska", "Ewa Kowalska")]
    public void Recognize_NameWithCueOrGazetteer_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("I live on Primrose Street")]
    [TestCase("1737 Cheriton Dr Reuquén Extensions")]
    [TestCase("9756 Albert Road, London")]
    [TestCase("The bus station is on Peter Zuidhove 188")]
    [TestCase("I bought a Michael Kors jacket")]
    [TestCase("Customer Service was helpful on Monday")]
    [TestCase("Great! Enjoy the rest of your day.")]
    [TestCase("My name appears incorrectly on the statement")]
    [TestCase("my name is not important")]
    [TestCase("In Transit")]
    [TestCase("It serves great Slovenian food.")]
    [TestCase("Thank you for contacting AcmeCorp")]
    [TestCase("we moved to New York in May")]
    public void Recognize_NotAPerson_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);

    [Test]
    public void Recognize_TitleCue_LeavesTitleOutOfSpan()
    {
        var finding = new PersonRecognizer().Recognize("please correct it to Mrs. Meagan Wallace?", null).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Value, Is.EqualTo("Meagan Wallace"));
            Assert.That(finding.RuleId, Is.EqualTo("person.cue"));
        });
    }
}
