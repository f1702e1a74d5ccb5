using System.Collections.Concurrent;
using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Live;

/// <summary>Every HTTP attempt of the load (retries included), for the report's answers-by-status and per-fault figures.</summary>
public sealed class RequestLog(RunClock clock)
{
    private readonly ConcurrentQueue<RequestAttempt> _attempts = new();

    public IReadOnlyList<RequestAttempt> Attempts => _attempts.ToArray();

    public void Answered(string call, Uri node, int status) => _attempts.Enqueue(new RequestAttempt(clock.NowTicks, call, node.Authority, status, null));

    public void Failed(string call, Uri node, Exception error)
    {
        var (status, failure) = RequestAttempt.Describe(error);
        _attempts.Enqueue(new RequestAttempt(clock.NowTicks, call, node.Authority, status, failure));
    }
}
