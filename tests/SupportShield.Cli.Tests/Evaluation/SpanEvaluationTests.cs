using SupportShield.Cli.Evaluation;

namespace SupportShield.Cli.Tests.Evaluation;

[TestFixture]
public sealed class SpanEvaluationTests
{
    private static (int Tp, int Fp, int Fn) Score(LabelledSpan[] gold, LabelledSpan[] predicted, string type)
    {
        var evaluation = new SpanEvaluation();
        evaluation.Add(gold, predicted);
        var c = evaluation.Types[type];
        return (c.TruePositives, c.FalsePositives, c.FalseNegatives);
    }

    [TestCase(5, 10, 5, 10, 1, 0, 0)]
    [TestCase(5, 10, 9, 20, 1, 0, 0)]
    [TestCase(5, 10, 0, 6, 1, 0, 0)]
    [TestCase(5, 10, 0, 30, 1, 0, 0)]
    [TestCase(5, 10, 10, 15, 0, 1, 1)]
    [TestCase(5, 10, 0, 5, 0, 1, 1)]
    public void Add_SameType_CountsOverlapOnly(int goldStart, int goldEnd, int predStart, int predEnd, int tp, int fp, int fn)
    {
        var score = Score([new LabelledSpan(goldStart, goldEnd, "EMAIL")], [new LabelledSpan(predStart, predEnd, "EMAIL")], "EMAIL");

        Assert.That(score, Is.EqualTo((tp, fp, fn)));
    }

    [Test]
    public void Add_OverlapOfOtherType_IsMissPlusFalseAlarm()
    {
        var evaluation = new SpanEvaluation();

        evaluation.Add([new LabelledSpan(0, 10, "PHONE")], [new LabelledSpan(0, 10, "ZIP")]);

        Assert.Multiple(() =>
        {
            Assert.That(evaluation.Types["PHONE"].FalseNegatives, Is.EqualTo(1));
            Assert.That(evaluation.Types["ZIP"].FalsePositives, Is.EqualTo(1));
            Assert.That(evaluation.Micro.TruePositives, Is.EqualTo(0));
        });
    }

    [Test]
    public void Add_OnePredictionOverTwoGoldSpans_MatchesOnlyOne()
    {
        var score = Score(
            [new LabelledSpan(0, 5, "ADDRESS"), new LabelledSpan(6, 12, "ADDRESS")],
            [new LabelledSpan(0, 12, "ADDRESS")],
            "ADDRESS");

        Assert.That(score, Is.EqualTo((1, 0, 1)));
    }

    [Test]
    public void Micro_SeveralLinesAndTypes_SumsEveryType()
    {
        var evaluation = new SpanEvaluation();
        evaluation.Add([new LabelledSpan(0, 4, "ZIP")], [new LabelledSpan(0, 4, "ZIP"), new LabelledSpan(6, 9, "URL")]);
        evaluation.Add([new LabelledSpan(2, 8, "SSN")], []);

        var micro = evaluation.Micro;

        Assert.Multiple(() =>
        {
            Assert.That(evaluation.Lines, Is.EqualTo(2));
            Assert.That(evaluation.Types.Keys, Is.EqualTo(new[] { "SSN", "URL", "ZIP" }));
            Assert.That((micro.TruePositives, micro.FalsePositives, micro.FalseNegatives), Is.EqualTo((1, 1, 1)));
        });
    }
}
