using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>Every HTTP attempt of the load (retries included) by call and outcome; 500s are counted on their own, since none is acceptable.</summary>
/// <param name="Status500">Answers 500 Internal Server Error: the platform failed without saying why or whether to retry.</param>
/// <param name="OtherServerErrors">Other 5xx answers (503 says: retry).</param>
/// <param name="TransportFailures">No answer at all: refused, reset, timed out.</param>
public sealed record HttpFigures(IReadOnlyList<StatusCount> Answers, long Status500, long OtherServerErrors, long TransportFailures)
{
    public static HttpFigures From(IReadOnlyList<RequestAttempt> attempts) => new(
        attempts.GroupBy(a => (a.Call, a.Outcome)).Select(g => new StatusCount(g.Key.Call, g.Key.Outcome, g.LongCount()))
            .OrderBy(c => c.Call, StringComparer.Ordinal).ThenBy(c => c.Outcome, StringComparer.Ordinal).ToArray(),
        attempts.LongCount(a => a.Status == 500),
        attempts.LongCount(a => a.Status > 500),
        attempts.LongCount(a => a.IsTransportFailure));
}
