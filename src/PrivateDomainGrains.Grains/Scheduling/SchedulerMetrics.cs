using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Scheduling;

/// <summary>
/// The customer scheduler in this silo: <c>pdg_scheduler_wakes</c> (customers woken, by <c>outcome</c> woken / failed),
/// <c>pdg_scheduler_lag</c> (seconds from a customer's due time to its claim: what "timers fire late" means) and
/// <c>pdg_scheduler_backlog</c> (customers due and not yet woken in the buckets of each <c>shard</c> active here, as last
/// counted: a shard counts at most every <see cref="BacklogSampleInterval"/>, and a shard that moved to another silo
/// drops out after <see cref="BacklogStale"/>).
/// </summary>
public sealed class SchedulerMetrics
{
    public const string MeterName = "PrivateDomainGrains.Scheduler";
    public static readonly TimeSpan BacklogSampleInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BacklogStale = TimeSpan.FromMinutes(1);

    private static readonly KeyValuePair<string, object?> Woken = new("outcome", "woken");
    private static readonly KeyValuePair<string, object?> Failed = new("outcome", "failed");

    private readonly ConcurrentDictionary<int, (long Due, DateTimeOffset At)> _backlog = new();
    private readonly Counter<long> _wakes;
    private readonly Histogram<double> _lag;

    public SchedulerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _wakes = meter.CreateCounter<long>("pdg_scheduler_wakes", "{customer}", "Due customers woken by this silo's scheduler shards");
        _lag = meter.CreateHistogram("pdg_scheduler_lag", "s", "From a customer's due time to its claim by a shard",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 900] });
        meter.CreateObservableGauge("pdg_scheduler_backlog", ObserveBacklog, "{customer}", "Customers due and not yet woken, per shard, as last counted");
    }

    internal void Claimed(IReadOnlyList<DueClaim> claims, DateTimeOffset now)
    {
        foreach (var claim in claims) _lag.Record(Math.Max(0, (now - claim.DueAt).TotalSeconds));
    }

    internal void Wake(bool succeeded) => _wakes.Add(1, succeeded ? Woken : Failed);

    internal void Backlog(int shard, long due) => _backlog[shard] = (due, DateTimeOffset.UtcNow);

    private IEnumerable<Measurement<long>> ObserveBacklog()
    {
        var fresh = DateTimeOffset.UtcNow - BacklogStale;
        foreach (var (shard, (due, at)) in _backlog)
        {
            if (at < fresh) _backlog.TryRemove(shard, out _);
            else yield return new Measurement<long>(due, new KeyValuePair<string, object?>("shard", shard));
        }
    }
}
