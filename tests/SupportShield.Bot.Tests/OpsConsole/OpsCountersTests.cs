using Microsoft.Extensions.Time.Testing;
using SupportShield.Bot.OpsConsole;
using SupportShield.Middleware.Audit;
using SupportShield.Testing;

namespace SupportShield.Bot.Tests.OpsConsole;

public sealed class OpsCountersTests
{
    private static AuditRecord Record(DateTimeOffset time, string direction, string action) =>
        new(time, "conv-1", direction, action, [], [], null, []);

    [Test]
    public async Task Get_CountsEachKindOfRecordWithinThePeriodOnly()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var now = time.GetUtcNow();
        var audit = new InMemoryAuditLog();
        foreach (var (ago, direction, action) in new[]
        {
            (TimeSpan.FromMinutes(5), "incoming", "received"),
            (TimeSpan.FromMinutes(5), "outgoing", "delivered"),
            (TimeSpan.FromMinutes(6), "outgoing", "held"),
            (TimeSpan.FromMinutes(7), "outgoing", "redacted"),
            (TimeSpan.FromMinutes(8), "outgoing", "released"),
            (TimeSpan.FromMinutes(8), "outgoing", "released.override"),
            (TimeSpan.FromMinutes(9), "outgoing", "blocked"),
            (TimeSpan.FromMinutes(10), "verification", "verification.code-sent"),
            (TimeSpan.FromMinutes(10), "verification", "verification.failed"),
            (TimeSpan.FromMinutes(10), "verification", "verification.succeeded"),
            (TimeSpan.FromMinutes(11), "verification", "verification.locked"),
            (TimeSpan.FromHours(2), "outgoing", "held"),
            (TimeSpan.FromDays(2), "outgoing", "held"),
        })
        {
            await audit.AppendAsync(Record(now - ago, direction, action));
        }

        var counters = new OpsCounters(audit, time);
        var hour = await counters.GetAsync("1h", CancellationToken.None);
        var day = await counters.GetAsync("24h", CancellationToken.None);
        var week = await counters.GetAsync("7d", CancellationToken.None);

        Assert.That(hour.Messages, Is.EqualTo(new SupportShield.Bot.OpsConsole.Contracts.MessageCounters(Screened: 5, Held: 1, Redacted: 1, Released: 2, Blocked: 1)));
        Assert.That(hour.Verifications, Is.EqualTo(new SupportShield.Bot.OpsConsole.Contracts.VerificationCounters(Started: 1, Succeeded: 1, Failed: 1, Locked: 1)));
        Assert.That(hour.From, Is.EqualTo(now.AddHours(-1)));
        Assert.That(day.Messages.Held, Is.EqualTo(2));
        Assert.That(week.Messages.Held, Is.EqualTo(3));
    }

    [Test]
    public void Get_UnknownPeriod_Throws()
    {
        var counters = new OpsCounters(new InMemoryAuditLog(), TimeProvider.System);

        Assert.That(OpsCounters.IsPeriod("30d"), Is.False);
        Assert.ThrowsAsync<ArgumentException>(() => counters.GetAsync("30d", CancellationToken.None));
    }
}
