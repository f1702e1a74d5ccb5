using System.Diagnostics.Metrics;
using PrivateDomainGrains.Grains.Customers;
using PrivateDomainGrains.Grains.Scheduling;
using PrivateDomainGrains.Grains.Staff;
using PrivateDomainGrains.Host.Ingestion;

namespace PrivateDomainGrains.Host.Telemetry;

/// <summary>
/// This node's running totals for <c>GET /api/v1/system/stats</c>, kept whether or not OpenTelemetry is on: a
/// <see cref="MeterListener"/> adds up the platform's own counters (events ingested and refused, nudges raised and
/// pushed), the HTTP server's responses by status (5xx, 503) and reads the backlog gauges (scheduler, nudge dispatch)
/// when asked; a one-second timer follows the GC's pauses. Totals only grow: a reader takes rates from the difference
/// of two readings over their <c>uptimeSeconds</c>. Only this host's meters count (those of its
/// <see cref="IMeterFactory"/>): several hosts in one process (tests, the load tool's in-process nodes) keep apart.
/// </summary>
public sealed class NodeFigures(IMeterFactory meters) : IHostedService, IDisposable
{
    /// <summary>How far back <see cref="Snapshot.GcPauseMaxRecentSeconds"/> looks.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan PauseSampleInterval = TimeSpan.FromSeconds(1);
    private static readonly GCKind[] Kinds = [GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background];

    private readonly MeterListener _listener = new();
    private readonly Lock _gauges = new();
    private readonly Lock _pauses = new();
    private readonly long[] _lastGcIndex = new long[Kinds.Length];
    private readonly Queue<(DateTimeOffset At, TimeSpan Pause)> _recentPauses = new();
    private Timer? _pauseTimer;
    private TimeSpan _maxPause;
    private long _accepted, _duplicates, _refused, _shed, _raised, _pushed, _errors5xx, _unavailable503;
    private long _schedulerBacklog, _dispatchQueue;

    /// <summary>One reading; counts are totals since the node started.</summary>
    public readonly record struct Snapshot(
        long EventsAccepted, long EventsDuplicate, long EventsRefused, long EventsShed, long NudgesRaised, long NudgesPushed,
        long Http5xx, long Http503, long SchedulerBacklog, long NudgeDispatchQueue, double GcPauseMaxSeconds, double GcPauseMaxRecentSeconds);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && IsFollowed(instrument)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>(OnLong);
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => OnLong(i, v, tags, null));
        _listener.SetMeasurementEventCallback<double>(OnDouble);
        _listener.Start();
        for (var k = 0; k < Kinds.Length; k++) _lastGcIndex[k] = GC.GetGCMemoryInfo(Kinds[k]).Index;
        _pauseTimer = new Timer(_ => SamplePauses(), null, PauseSampleInterval, PauseSampleInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _pauseTimer?.Dispose();
        _listener.Dispose();
    }

    /// <summary>The totals now, and the backlog gauges as their owners last counted them.</summary>
    public Snapshot Read()
    {
        var (maxPause, recentMaxPause) = MaxPause();
        lock (_gauges)
        {
            (_schedulerBacklog, _dispatchQueue) = (0, 0);
            _listener.RecordObservableInstruments();
            return new Snapshot(Interlocked.Read(ref _accepted), Interlocked.Read(ref _duplicates), Interlocked.Read(ref _refused),
                Interlocked.Read(ref _shed), Interlocked.Read(ref _raised), Interlocked.Read(ref _pushed), Interlocked.Read(ref _errors5xx),
                Interlocked.Read(ref _unavailable503), _schedulerBacklog, _dispatchQueue, maxPause.TotalSeconds, recentMaxPause.TotalSeconds);
        }
    }

    private static bool IsFollowed(Instrument instrument) => (instrument.Meter.Name, instrument.Name) switch
    {
        (IngestionMetrics.MeterName, "pdg_events_ingested" or "pdg_events_refused") => true,
        (CustomerMetrics.MeterName, "pdg_nudges_raised") => true,
        (_, "pdg_nudges_pushed") => true,
        (SchedulerMetrics.MeterName, "pdg_scheduler_backlog") => true,
        (_, "pdg_nudge_dispatch_queue") => true,
        ("Microsoft.AspNetCore.Hosting", "http.server.request.duration") => true,
        _ => false,
    };

    private void OnLong(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        switch (instrument.Name)
        {
            case "pdg_events_ingested":
                if (Tag(tags, "outcome") == "duplicate") Interlocked.Add(ref _duplicates, value);
                else Interlocked.Add(ref _accepted, value);
                break;
            case "pdg_events_refused":
                Interlocked.Add(ref _refused, value);
                if (Tag(tags, "reason") == "shed") Interlocked.Add(ref _shed, value);
                break;
            case "pdg_nudges_raised":
                Interlocked.Add(ref _raised, value);
                break;
            case "pdg_nudges_pushed":
                Interlocked.Add(ref _pushed, value);
                break;
            // Observable gauges: called under _gauges from Read, once per shard or once in all.
            case "pdg_scheduler_backlog":
                _schedulerBacklog += value;
                break;
            case "pdg_nudge_dispatch_queue":
                _dispatchQueue += value;
                break;
        }
    }

    private void OnDouble(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        // http.server.request.duration: one measurement per response, tagged with its status code.
        foreach (var tag in tags)
        {
            if (tag.Key != "http.response.status_code" || tag.Value is not int status || status < 500) continue;
            Interlocked.Increment(ref _errors5xx);
            if (status == StatusCodes.Status503ServiceUnavailable) Interlocked.Increment(ref _unavailable503);
        }
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
            if (tag.Key == key) return tag.Value as string;
        return null;
    }

    /// <summary>
    /// The runtime keeps the pauses of the last GC of each kind only: sampled every second, a second GC of the same kind
    /// within one second hides the first's pauses (the total, <see cref="GC.GetTotalPauseDuration"/>, misses none).
    /// </summary>
    private void SamplePauses()
    {
        var now = DateTimeOffset.UtcNow;
        lock (_pauses)
        {
            for (var k = 0; k < Kinds.Length; k++)
            {
                var info = GC.GetGCMemoryInfo(Kinds[k]);
                if (info.Index == _lastGcIndex[k]) continue;
                _lastGcIndex[k] = info.Index;
                var longest = TimeSpan.Zero;
                foreach (var pause in info.PauseDurations) longest = pause > longest ? pause : longest;
                if (longest > _maxPause) _maxPause = longest;
                _recentPauses.Enqueue((now, longest));
            }
            while (_recentPauses.TryPeek(out var oldest) && oldest.At < now - RecentWindow) _recentPauses.Dequeue();
        }
    }

    private (TimeSpan Total, TimeSpan Recent) MaxPause()
    {
        lock (_pauses)
        {
            var recent = TimeSpan.Zero;
            foreach (var (_, pause) in _recentPauses) recent = pause > recent ? pause : recent;
            return (_maxPause, recent);
        }
    }
}
