namespace PrivateDomainGrains.LoadTest.Accounting;

public static class Throughput
{
    /// <summary>
    /// Acknowledged events per second over the measured period, from its start to the last acknowledgement:
    /// if the server falls behind, the acks trail the schedule and the rate shows what it really kept up.
    /// </summary>
    public static double Sustained(long acknowledged, TimeSpan measureStart, TimeSpan lastAck)
    {
        var seconds = (lastAck - measureStart).TotalSeconds;
        return acknowledged <= 0 || seconds <= 0 ? 0 : acknowledged / seconds;
    }

    /// <summary>Events per second a schedule offered over the measured period.</summary>
    public static double Offered(long offered, TimeSpan measureStart, TimeSpan scheduleEnd)
    {
        var seconds = (scheduleEnd - measureStart).TotalSeconds;
        return seconds <= 0 ? 0 : offered / seconds;
    }
}
