using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class ThroughputTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void A_server_that_keeps_up_sustains_the_offered_rate() =>
        Assert.Equal(500, Throughput.Sustained(30_000, S(10), S(70)), 6);

    [Fact]
    public void A_server_that_falls_behind_sustains_less_because_its_acks_trail_the_schedule() =>
        Assert.Equal(250, Throughput.Sustained(30_000, S(10), S(130)), 6);

    [Fact]
    public void Nothing_acknowledged_is_zero()
    {
        Assert.Equal(0, Throughput.Sustained(0, S(10), S(70)));
        Assert.Equal(0, Throughput.Sustained(5, S(10), S(10)));
    }

    [Fact]
    public void Offered_rate_is_over_the_measured_schedule() => Assert.Equal(100, Throughput.Offered(6000, S(10), S(70)), 6);
}
