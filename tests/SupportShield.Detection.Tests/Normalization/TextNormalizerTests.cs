using System.Text;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Normalization;

namespace SupportShield.Detection.Tests.Normalization;

[TestFixture]
public sealed class TextNormalizerTests
{
    private static readonly TextNormalizer Normalizer = TextNormalizer.Instance;

    [TestCase("")]
    [TestCase("hello, how can I help?")]
    [TestCase("card 4111 1111 1111 1111 and ssn 078-05-1123")]
    [TestCase("call (415) 555-0132 or +44 (20) 7123 4567")]
    [TestCase("mail jane.doe@example.com, server 192.168.0.1, born 12/05/1990")]
    [TestCase("I'm at home. See you at 5")]
    [TestCase("log in at shop.example.com")]
    [TestCase("one or two items")]
    [TestCase("oh one")]
    [TestCase("one two, thanks")]
    public void Normalize_NothingToUndo_ReturnsIdentity(string text)
    {
        var result = Normalizer.Normalize(text);
        Assert.Multiple(() =>
        {
            Assert.That(result.IsIdentity, Is.True);
            Assert.That(result.Text, Is.SameAs(text));
        });
    }

    [TestCase("４１１１ １１１１", "4111 1111")]
    [TestCase("4111\u200B1111\u200D1111\uFEFF1111", "4111111111111111")]
    [TestCase("jane\u00ADdoe\u202E@example.com", "janedoe@example.com")]
    [TestCase("078\u2013052\u2011120", "078-052-120")]
    [TestCase("a\u00A0b", "a b")]
    [TestCase("𝟒𝟏𝟏𝟏", "4111")]
    [TestCase("٤١١١", "4111")]
    [TestCase("card 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "card 4111111111111111")]
    [TestCase("card 4111 / 1111 / 1111 / 1111", "card 4111111111111111")]
    [TestCase("card 4 1 1 1-1111.1111_1111", "card 4111111111111111")]
    [TestCase("card 41l1 1111 1111 111l", "card 4111111111111111")]
    [TestCase("four one one one 1111 1111 1111", "4111111111111111")]
    [TestCase("4 one 1 one 1111", "41111111")]
    [TestCase("double one triple five 0 1 3 2", "115550132")]
    [TestCase("it is four one one one one one one one", "it is 41111111")]
    [TestCase("double one triple five oh two three", "11555023")]
    [TestCase("ssn five three six, two two, four seven one nine", "ssn 536-22-4719")]
    [TestCase("ssn 536 dash 22 dash 4719", "ssn 536-22-4719")]
    [TestCase("ip 10 . 0 . 0 . 12", "ip 10.0.0.12")]
    [TestCase("born 12 / 05 / 1990", "born 12/05/1990")]
    [TestCase("jane dot doe at example dot com", "jane.doe@example.com")]
    [TestCase("jane[at]example[dot]com", "jane@example.com")]
    [TestCase("jane (at) example (dot) com", "jane@example.com")]
    [TestCase("jane {at} mail.example.org", "jane@mail.example.org")]
    [TestCase("mail jane @ example . com now", "mail jane@example.com now")]
    [TestCase("j a n e @ e x a m p l e . c o m", "jane@example.com")]
    public void Normalize_EvasiveText_UndoesEvasion(string text, string expected) =>
        Assert.That(Normalizer.Normalize(text).Text, Is.EqualTo(expected));

    [TestCase("meet at noon dot")]
    [TestCase("available at store.example.com")]
    [TestCase("1, 2, 3 done")]
    [TestCase("total $1,234,567.89 paid")]
    [TestCase("step 1 then 2")]
    public void Normalize_OrdinaryText_LeavesItAlone(string text) =>
        Assert.That(Normalizer.Normalize(text).Text, Is.EqualTo(text));

    [TestCase("card 4 1 1 1-1111.1111_1111 thanks")]
    [TestCase("reach me: jane dot doe at example dot com!")]
    [TestCase("x\u200By ４２ j a n e @ e x a m p l e . c o m")]
    [TestCase("ssn five three six, two two, four seven one nine")]
    public void Normalize_Map_PointsEachCharacterIntoOriginal(string text)
    {
        var result = Normalizer.Normalize(text);
        Assert.That(result.IsIdentity, Is.False);
        var previousStart = 0;
        for (var i = 0; i < result.Text.Length; i++)
        {
            var (start, end) = result.ToOriginal(i, i + 1);
            Assert.That(start, Is.InRange(previousStart, text.Length - 1), $"start of {i}");
            Assert.That(end, Is.InRange(start + 1, text.Length), $"end of {i}");
            previousStart = start;
        }

        // The whole normalised text maps to the whole original, less what was dropped at the edges.
        var (first, last) = result.ToOriginal(0, result.Text.Length);
        Assert.That(text[first..last].Trim(), Is.EqualTo(text.Trim()));
    }

    [Test]
    public void Normalize_UnchangedCharacters_MapToThemselves()
    {
        const string text = "call 4 1 5 5 5 5 0 1 3 2 now";
        var result = Normalizer.Normalize(text);
        var now = result.Text.IndexOf("now", StringComparison.Ordinal);
        var (start, end) = result.ToOriginal(now, now + 3);
        Assert.That(text[start..end], Is.EqualTo("now"));
    }

    [Test]
    public void Normalize_OneMegabyteOfEvasiveText_FinishesUnderASecond()
    {
        var builder = new StringBuilder();
        while (builder.Length < 1_000_000)
        {
            builder.Append("４ 1 1 1-1111.1111_1111 jane dot doe at example dot com \u200B j a n e @ x . c o four one one one at . . 1 1 1 ");
        }

        var text = builder.ToString();

        // Speed is measured by `supportshield bench`, not here: this checks that a huge evasive text is fully handled.
        var result = Normalizer.Normalize(text);
        Assert.Multiple(() =>
        {
            Assert.That(result.Text, Does.Contain("4111111111111111"));
            Assert.That(result.ToOriginal(0, result.Text.Length).End, Is.LessThanOrEqualTo(text.Length));
        });
    }

    [TestCase("my card is 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 ok", "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", EntityType.CreditCard)]
    [TestCase("card: 4111 / 1111 / 1111 / 1111", "4111 / 1111 / 1111 / 1111", EntityType.CreditCard)]
    [TestCase("card 4 1 1 1-1111.1111_1111 exp soon", "4 1 1 1-1111.1111_1111", EntityType.CreditCard)]
    [TestCase("card ５５５５ ５５５５ ５５５５ ４４４４", "５５５５ ５５５５ ５５５５ ４４４４", EntityType.CreditCard)]
    [TestCase("card 4111\u200B1111\u200B1111\u200B1111", "4111\u200B1111\u200B1111\u200B1111", EntityType.CreditCard)]
    [TestCase("the card is four one one one, one one one one, one one one one, one one one one", "four one one one, one one one one, one one one one, one one one one", EntityType.CreditCard)]
    [TestCase("visa 41l1 1111 1111 111l", "41l1 1111 1111 111l", EntityType.CreditCard)]
    [TestCase("card 5555\u20135555\u20135555\u20134444", "5555\u20135555\u20135555\u20134444", EntityType.CreditCard)]
    [TestCase("call me on four one five, five five five, oh one three two", "four one five, five five five, oh one three two", EntityType.Phone)]
    [TestCase("my cell is 4 1 5 5 5 5 0 1 3 2", "4 1 5 5 5 5 0 1 3 2", EntityType.Phone)]
    [TestCase("phone 415_555_0132", "415_555_0132", EntityType.Phone)]
    [TestCase("phone (415)\u00A0555\u20110132", "(415)\u00A0555\u20110132", EntityType.Phone)]
    [TestCase("text me at 4l5 555 Ol32", "4l5 555 Ol32", EntityType.Phone)]
    [TestCase("my ssn is five three six, two two, four seven one nine", "five three six, two two, four seven one nine", EntityType.Ssn)]
    [TestCase("social security 536_22_4719", "536_22_4719", EntityType.Ssn)]
    [TestCase("ssn 5 3 6 2 2 4 7 1 9", "5 3 6 2 2 4 7 1 9", EntityType.Ssn)]
    [TestCase("ssn ５３６-２２-４７１９", "５３６-２２-４７１９", EntityType.Ssn)]
    [TestCase("ssn 536 dash 22 dash 4719", "536 dash 22 dash 4719", EntityType.Ssn)]
    [TestCase("email me: jane dot doe at example dot com", "jane dot doe at example dot com", EntityType.Email)]
    [TestCase("it's jane[at]example[dot]com", "jane[at]example[dot]com", EntityType.Email)]
    [TestCase("write to jane (at) example (dot) com", "jane (at) example (dot) com", EntityType.Email)]
    [TestCase("j a n e @ e x a m p l e . c o m", "j a n e @ e x a m p l e . c o m", EntityType.Email)]
    [TestCase("mail: jane\u200B@example.com", "jane\u200B@example.com", EntityType.Email)]
    [TestCase("ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", EntityType.Email)]
    [TestCase("server ip 192 . 168 . 0 . 1", "192 . 168 . 0 . 1", EntityType.IpAddress)]
    [TestCase("ip 10 dot 0 dot 0 dot 12", "10 dot 0 dot 0 dot 12", EntityType.IpAddress)]
    public void Detect_EvasiveForm_FindsTypeOverOriginalSpan(string text, string evasive, EntityType type)
    {
        var at = text.IndexOf(evasive, StringComparison.Ordinal);
        var findings = new PiiDetector().Detect(text);
        var covering = findings.Where(f => f.Type == type && f.Start <= at && f.End >= at + evasive.Length).ToList();
        Assert.That(covering, Has.Count.EqualTo(1), string.Join(", ", findings.Select(f => $"{f.Type}[{f.Start},{f.End})")));
        Assert.That(covering[0].Value, Is.EqualTo(text[covering[0].Start..covering[0].End]));
    }
}
