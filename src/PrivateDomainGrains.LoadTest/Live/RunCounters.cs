namespace PrivateDomainGrains.LoadTest.Live;

/// <summary>Running totals for the progress line; the report recounts from the recorded events, not from these.</summary>
public sealed class RunCounters
{
    private long _offered, _acknowledged, _rejected, _failed, _inFlight, _nudges, _acks, _ackFailures, _reconnects, _consoleErrors;

    public long Offered => Interlocked.Read(ref _offered);
    public long Acknowledged => Interlocked.Read(ref _acknowledged);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Failed => Interlocked.Read(ref _failed);
    public long InFlightRequests => Interlocked.Read(ref _inFlight);
    public long NudgesReceived => Interlocked.Read(ref _nudges);
    public long AcksSent => Interlocked.Read(ref _acks);
    public long AckFailures => Interlocked.Read(ref _ackFailures);
    public long Reconnects => Interlocked.Read(ref _reconnects);
    public long ConsoleErrors => Interlocked.Read(ref _consoleErrors);

    public void RequestStarted(int events)
    {
        Interlocked.Add(ref _offered, events);
        Interlocked.Increment(ref _inFlight);
    }

    public void RequestAnswered(int acknowledged, int rejected)
    {
        Interlocked.Add(ref _acknowledged, acknowledged);
        Interlocked.Add(ref _rejected, rejected);
        Interlocked.Decrement(ref _inFlight);
    }

    public void RequestFailed(int events)
    {
        Interlocked.Add(ref _failed, events);
        Interlocked.Decrement(ref _inFlight);
    }

    public void NudgeReceived() => Interlocked.Increment(ref _nudges);
    public void AckSent() => Interlocked.Increment(ref _acks);
    public void AckFailed() => Interlocked.Increment(ref _ackFailures);
    public void Reconnected() => Interlocked.Increment(ref _reconnects);
    public void ConsoleError() => Interlocked.Increment(ref _consoleErrors);
}
