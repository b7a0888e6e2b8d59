using Microsoft.Extensions.Time.Testing;
using SupportShield.Cli.Load;

namespace SupportShield.Cli.Tests.Load;

public sealed class InstanceReachabilityTests
{
    private static readonly Uri[] Instances = [new("http://127.0.0.1:5001/"), new("http://127.0.0.1:5002/")];
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new();

    [Test]
    public void Stalled_WhenNothingWasAsked_IsFalseHoweverLongTheQuiet()
    {
        var reachability = new InstanceReachability(Instances, _time);

        _time.Advance(TimeSpan.FromHours(1));

        Assert.That(reachability.Stalled(Limit), Is.False);
    }

    [Test]
    public void Stalled_WhenRequestsFailedAndNoneWasAnsweredForTheLimit_IsTrue()
    {
        var reachability = new InstanceReachability(Instances, _time);
        reachability.Answered(0);
        _time.Advance(TimeSpan.FromSeconds(1));
        reachability.Failed(0, "connection refused");

        _time.Advance(TimeSpan.FromSeconds(28));
        Assert.That(reachability.Stalled(Limit), Is.False, "29 s without an answer");
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(reachability.Stalled(Limit), Is.True, "30 s without an answer");
    }

    [Test]
    public void Stalled_WhenAnyInstanceAnsweredAfterTheFailures_IsFalse()
    {
        var reachability = new InstanceReachability(Instances, _time);
        reachability.Failed(0, "connection refused");
        _time.Advance(TimeSpan.FromSeconds(20));
        reachability.Answered(1);
        reachability.Failed(0, "connection refused");

        _time.Advance(TimeSpan.FromSeconds(29));

        Assert.That(reachability.Stalled(Limit), Is.False);
    }

    [Test]
    public void Stalled_WhenNothingWasEverAnswered_CountsFromTheStart()
    {
        var reachability = new InstanceReachability(Instances, _time);
        _time.Advance(TimeSpan.FromSeconds(10));
        reachability.Failed(1, "no answer within 10 s");

        _time.Advance(TimeSpan.FromSeconds(20));

        Assert.That(reachability.Stalled(Limit), Is.True);
    }

    [Test]
    public void DescribeFailures_NamesEachFailingInstance_WithItsLastReasonAndCount()
    {
        var reachability = new InstanceReachability(Instances, _time);
        reachability.Answered(0);
        reachability.Failed(1, "connection refused");
        reachability.Failed(1, "no answer within 10 s");

        Assert.That(reachability.DescribeFailures(), Is.EqualTo("http://127.0.0.1:5002/: no answer within 10 s (2 requests failed)"));
        Assert.That(reachability.AnswersFrom(0), Is.EqualTo(1));
        Assert.That(reachability.FailuresOf(1), Is.EqualTo(2));
        reachability.Failed(0, "connection reset");
        Assert.That(reachability.DescribeFailures(), Is.EqualTo(
            "http://127.0.0.1:5001/: connection reset (1 request failed); http://127.0.0.1:5002/: no answer within 10 s (2 requests failed)"));
    }
}
