using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Group commit as an operator sees it: <c>pdg_group_commit_flush_writes</c> (writes per flush: near 1 when idle, in the
/// hundreds under load), <c>pdg_group_commit_flush_rows</c> (rows per flush, a snapshot counting as
/// <see cref="WriteRequest.SnapshotWeight"/>) and <c>pdg_group_commit_flush_duration</c> (seconds from connection to
/// commit, by <c>outcome</c> committed / failed). Each write is a span <c>group commit</c> (source
/// <see cref="ActivitySourceName"/>) in its caller's trace, from queueing to commit, so a trace shows what an
/// acknowledgement waited for.
/// </summary>
public sealed class GroupCommitMetrics
{
    public const string MeterName = "PrivateDomainGrains.Persistence";
    public const string ActivitySourceName = "PrivateDomainGrains.Persistence";

    private readonly ActivitySource _source = new(ActivitySourceName);
    private readonly Histogram<int> _writes;
    private readonly Histogram<int> _rows;
    private readonly Histogram<double> _duration;

    public GroupCommitMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _writes = meter.CreateHistogram("pdg_group_commit_flush_writes", "{write}", "Writes committed together in one flush",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] });
        _rows = meter.CreateHistogram("pdg_group_commit_flush_rows", "{row}", "Rows in one flush (a snapshot counts as 10)",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 10, 50, 100, 250, 500, 1000, 2000, 4000, 8000] });
        _duration = meter.CreateHistogram("pdg_group_commit_flush_duration", "s", "One flush, from taking a connection to its commit",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5] });
    }

    /// <summary>A span for one write from now until <paramref name="committed"/> completes; returns the same task.</summary>
    public Task<T> Traced<T>(Task<T> committed, WriteRequest request)
    {
        var activity = _source.StartActivity("group commit", ActivityKind.Internal);
        if (activity is null) return committed;
        activity.SetTag("pdg.events", request.Events.Count);
        activity.SetTag("pdg.nudges", request.Nudges.Count);
        committed.ContinueWith(static (task, state) =>
        {
            var span = (Activity)state!;
            if (task.IsFaulted) span.SetStatus(ActivityStatusCode.Error, task.Exception!.InnerException?.GetType().Name);
            span.Dispose();
        }, activity, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return committed;
    }

    /// <summary>Measures one flush until disposed; <see cref="Flush.Committed"/> before that marks it committed.</summary>
    public Flush StartFlush(int writes, int rows) => new(this, writes, rows, Stopwatch.GetTimestamp());

    /// <summary>One flush being measured.</summary>
    public sealed class Flush(GroupCommitMetrics metrics, int writes, int rows, long started) : IDisposable
    {
        private bool _committed;

        public void Committed() => _committed = true;

        public void Dispose()
        {
            var outcome = new KeyValuePair<string, object?>("outcome", _committed ? "committed" : "failed");
            metrics._duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, outcome);
            if (!_committed) return;
            metrics._writes.Record(writes);
            metrics._rows.Record(rows);
        }
    }
}
