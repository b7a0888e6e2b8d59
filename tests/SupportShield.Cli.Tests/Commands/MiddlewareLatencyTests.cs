using SupportShield.Cli.Load;

namespace SupportShield.Cli.Tests.Commands;

public sealed class MiddlewareLatencyTests
{
    private const string Before = """
        # TYPE supportshield_middleware_duration_milliseconds histogram
        supportshield_middleware_duration_milliseconds_bucket{direction="incoming",le="0.5"} 10 1700000000000
        supportshield_middleware_duration_milliseconds_bucket{direction="incoming",le="1"} 10 1700000000000
        supportshield_middleware_duration_milliseconds_bucket{direction="incoming",le="5"} 10 1700000000000
        supportshield_middleware_duration_milliseconds_bucket{direction="incoming",le="+Inf"} 10 1700000000000
        supportshield_middleware_duration_milliseconds_sum{direction="incoming"} 2 1700000000000
        supportshield_middleware_duration_milliseconds_count{direction="incoming"} 10 1700000000000
        http_server_request_duration_seconds_count 3
        """;

    private const string After = """
        supportshield_middleware_duration_milliseconds_bucket{direction="incoming",le="0.5"} 60 1700000000000
        supportshield_middleware_duration_milliseconds_bucket{direction="incoming",le="1"} 105 1700000000000
        supportshield_middleware_duration_milliseconds_bucket{direction="incoming",le="5"} 110 1700000000000
        supportshield_middleware_duration_milliseconds_bucket{direction="incoming",le="+Inf"} 110 1700000000000
        supportshield_middleware_duration_milliseconds_sum{direction="incoming"} 52 1700000000000
        supportshield_middleware_duration_milliseconds_count{direction="incoming"} 110 1700000000000
        supportshield_middleware_duration_milliseconds_bucket{direction="outgoing",le="0.5"} 0
        supportshield_middleware_duration_milliseconds_bucket{direction="outgoing",le="1"} 0
        supportshield_middleware_duration_milliseconds_bucket{direction="outgoing",le="5"} 100
        supportshield_middleware_duration_milliseconds_bucket{direction="outgoing",le="+Inf"} 100
        supportshield_middleware_duration_milliseconds_sum{direction="outgoing"} 300
        supportshield_middleware_duration_milliseconds_count{direction="outgoing"} 100
        """;

    [Test]
    public void Difference_SumsDirections_AndGivesBucketBoundsOfPercentiles()
    {
        var between = MiddlewareLatency.Parse(After).Minus(MiddlewareLatency.Parse(Before));

        Assert.That(between.Count, Is.EqualTo(200));
        Assert.That(between.Sum / between.Count, Is.EqualTo(1.75));
        Assert.That(between.UpperBound(0.25), Is.EqualTo(0.5));
        Assert.That(between.UpperBound(0.50), Is.EqualTo(5), "95 of 200 are at or below 1 ms");
        Assert.That(between.UpperBound(0.99), Is.EqualTo(5));
    }

    [Test]
    public void Reading_WithoutTheMetric_IsEmpty()
    {
        var reading = MiddlewareLatency.Parse("http_server_request_duration_seconds_count 3\n");

        Assert.That(reading.Count, Is.Zero);
        Assert.That(reading.UpperBound(0.5), Is.NaN);
    }
}
