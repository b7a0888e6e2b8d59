using SupportShield.Cli.Load;

namespace SupportShield.Cli.Tests.Load;

/// <summary>The load command's timetable: conversations spread over one interval, and every round due on its own slot.</summary>
public sealed class RoundScheduleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(4);

    [Test]
    public void FirstRounds_AreSpreadEvenlyOverOneInterval()
    {
        var schedule = new RoundSchedule(Interval, conversations: 4);

        Assert.That(Enumerable.Range(0, 4).Select(c => schedule.DueAt(c, 0).TotalSeconds), Is.EqualTo(new[] { 0.0, 1.0, 2.0, 3.0 }));
    }

    [Test]
    public void LaterRounds_AreDueWholeIntervalsAfterTheFirst_HoweverLateTheRoundsBeforeThemRan()
    {
        var schedule = new RoundSchedule(Interval, conversations: 4);

        // The timetable knows nothing of when a round actually ran: a round held up for 3 s leaves the next one on its slot,
        // so conversations held up together do not stay together.
        Assert.That(Enumerable.Range(0, 4).Select(r => schedule.DueAt(1, r).TotalSeconds), Is.EqualTo(new[] { 1.0, 5.0, 9.0, 13.0 }));
        Assert.That(schedule.DueAt(3, 10) - schedule.DueAt(2, 10), Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void ZeroInterval_EveryRoundIsDueAtOnce()
    {
        var schedule = new RoundSchedule(TimeSpan.Zero, conversations: 3);

        Assert.That(new[] { schedule.DueAt(0, 0), schedule.DueAt(2, 5) }, Is.All.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void NegativeIntervalOrNoConversations_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RoundSchedule(TimeSpan.FromSeconds(-1), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RoundSchedule(Interval, 0));
    }
}
