using SupportShield.Cli.Load;

namespace SupportShield.Cli.Tests.Commands;

public sealed class LoadMarkerTests
{
    [TestCase('c', 0, 0, "[load c j j]")]
    [TestCase('a', 5, 6, "[load a z kj]")]
    [TestCase('c', 412, 3, "[load c kzqx v]")]
    public void Tag_WritesNumbersInLetters_AndIsFoundInText(char sender, int conversation, int round, string expected)
    {
        var tag = LoadMarker.For(sender, conversation, round);

        Assert.That(tag, Is.EqualTo(expected));
        Assert.That(LoadMarker.Find($"Thanks, your parcel ships Monday. {tag}"), Is.EqualTo(tag));
    }

    [Test]
    public void Tags_OfDifferentMessages_Differ()
    {
        var tags = Enumerable.Range(0, 300).SelectMany(c => Enumerable.Range(0, 30).Select(r => LoadMarker.For('c', c, r))).ToList();

        Assert.That(tags.Distinct().Count(), Is.EqualTo(tags.Count));
        Assert.That(LoadMarker.Find("no tag here [load c 12 3]"), Is.Null);
        Assert.That(tags, Has.None.Contain(" pw ").And.None.Contain("pin").And.None.Contain("ssn"));
    }
}
