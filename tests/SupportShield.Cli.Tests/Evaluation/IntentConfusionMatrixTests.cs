using SupportShield.Cli.Evaluation;

namespace SupportShield.Cli.Tests.Evaluation;

[TestFixture]
public sealed class IntentConfusionMatrixTests
{
    private static readonly string[] Labels = ["REQUEST_PII", "CHANGE_CONTACT", "NONE"];

    private static IntentConfusionMatrix Filled()
    {
        var m = new IntentConfusionMatrix(Labels);
        m.Add("REQUEST_PII", "REQUEST_PII");
        m.Add("REQUEST_PII", "REQUEST_PII");
        m.Add("REQUEST_PII", "NONE");
        m.Add("CHANGE_CONTACT", "CHANGE_CONTACT");
        m.Add("NONE", "NONE");
        m.Add("NONE", "NONE");
        m.Add("NONE", "NONE");
        m.Add("NONE", "CHANGE_CONTACT");
        return m;
    }

    [Test]
    public void Count_AfterAdds_RowsGoldColumnsPredicted()
    {
        var m = Filled();

        Assert.Multiple(() =>
        {
            Assert.That(m.Total, Is.EqualTo(8));
            Assert.That(m.Count("REQUEST_PII", "NONE"), Is.EqualTo(1));
            Assert.That(m.Count("NONE", "REQUEST_PII"), Is.EqualTo(0));
            Assert.That(m.Count("NONE", "CHANGE_CONTACT"), Is.EqualTo(1));
        });
    }

    [Test]
    public void CountsFor_Label_PrecisionAndRecallAgainstOthers()
    {
        var m = Filled();

        Assert.Multiple(() =>
        {
            Assert.That(m.CountsFor("REQUEST_PII").Precision, Is.EqualTo(1.0));
            Assert.That(m.CountsFor("REQUEST_PII").Recall, Is.EqualTo(2.0 / 3).Within(1e-12));
            Assert.That(m.CountsFor("CHANGE_CONTACT").Precision, Is.EqualTo(0.5));
            Assert.That(m.CountsFor("NONE").Precision, Is.EqualTo(0.75));
            Assert.That(m.CountsFor("NONE").Recall, Is.EqualTo(0.75));
        });
    }

    [Test]
    public void NoneFlaggedShare_OneOfFourNone_IsAQuarter()
    {
        Assert.That(Filled().NoneFlaggedShare, Is.EqualTo(0.25));
    }

    [Test]
    public void NoneFlaggedShare_NoNoneItems_IsZero()
    {
        var m = new IntentConfusionMatrix(Labels);
        m.Add("REQUEST_PII", "NONE");

        Assert.That(m.NoneFlaggedShare, Is.EqualTo(0));
    }

    [Test]
    public void Add_UnknownLabel_Throws()
    {
        var m = new IntentConfusionMatrix(Labels);

        Assert.That(() => m.Add("PROVIDE_PII", "NONE"), Throws.ArgumentException);
    }

    [Test]
    public void Constructor_DuplicateLabel_Throws()
    {
        Assert.That(() => new IntentConfusionMatrix(["NONE", "NONE"]), Throws.ArgumentException);
    }
}
