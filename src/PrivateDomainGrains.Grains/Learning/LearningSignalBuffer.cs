using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Grains.TenantInputs;

namespace PrivateDomainGrains.Grains.Learning;

/// <summary>
/// This silo's <see cref="ILearningSignalSink"/>: customer grains post outcomes without waiting, and a periodic flush
/// (<see cref="LearningSiloBuilderExtensions.AddLearningSignals"/>) forwards them per tenant in batches, so a learning
/// grain sees one call per silo per interval instead of one per outcome. Signals that fail to go out are kept and
/// retried; the buffer is bounded so an unreachable learning grain cannot exhaust memory, and what the bound turns
/// away is logged.
/// </summary>
public sealed class LearningSignalBuffer(IGrainFactory grains, IOptions<TenantDecisionOptions> options, ILogger<LearningSignalBuffer> logger)
    : ILearningSignalSink
{
    /// <summary>Keeps each call's message small even after an outage let a tenant's signals pile up.</summary>
    public const int MaxSignalsPerCall = 5_000;

    private readonly int _capacity = options.Value.MaxBufferedSignals;
    private readonly Lock _lock = new();
    private Dictionary<string, List<LearningSignalEnvelope>> _pending = new(StringComparer.Ordinal);
    private Dictionary<string, int> _dropped = new(StringComparer.Ordinal);
    private int _count;

    public void Post(string tenant, IReadOnlyList<LearningSignal> signals)
    {
        if (signals.Count == 0) return;
        var envelopes = new LearningSignalEnvelope[signals.Count];
        for (var i = 0; i < envelopes.Length; i++)
        {
            var s = signals[i];
            envelopes[i] = new LearningSignalEnvelope(s.Action, s.Segment, s.Outcome.ToString(), s.NudgeId);
        }
        Enqueue(tenant, envelopes);
    }

    /// <summary>Sends everything buffered; what fails goes back into the buffer for the next flush.</summary>
    public async Task FlushAsync()
    {
        Dictionary<string, List<LearningSignalEnvelope>> batch;
        Dictionary<string, int> dropped;
        lock (_lock)
        {
            if (_count == 0 && _dropped.Count == 0) return;
            (batch, _pending) = (_pending, new(StringComparer.Ordinal));
            (dropped, _dropped) = (_dropped, new(StringComparer.Ordinal));
            _count = 0;
        }
        foreach (var (tenant, count) in dropped)
            logger.LogWarning("Dropped {Count} learning signals of tenant {Tenant}: this silo buffers at most {Capacity}", count, tenant, _capacity);
        await Task.WhenAll(batch.Select(kv => SendAsync(kv.Key, kv.Value)));
    }

    private async Task SendAsync(string tenant, List<LearningSignalEnvelope> signals)
    {
        var learning = grains.GetGrain<ITenantLearningGrain>(tenant);
        for (var sent = 0; sent < signals.Count; sent += MaxSignalsPerCall)
        {
            var chunk = signals.GetRange(sent, Math.Min(MaxSignalsPerCall, signals.Count - sent));
            try
            {
                await learning.RecordAsync([.. chunk]);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Forwarding {Count} learning signals to tenant {Tenant} failed; retrying with the next flush", signals.Count - sent, tenant);
                Enqueue(tenant, signals.GetRange(sent, signals.Count - sent));
                return;
            }
        }
    }

    private void Enqueue(string tenant, IReadOnlyList<LearningSignalEnvelope> signals)
    {
        lock (_lock)
        {
            var room = Math.Min(signals.Count, _capacity - _count);
            if (room > 0)
            {
                if (!_pending.TryGetValue(tenant, out var list)) _pending[tenant] = list = [];
                for (var i = 0; i < room; i++) list.Add(signals[i]);
                _count += room;
            }
            if (room < signals.Count) _dropped[tenant] = _dropped.GetValueOrDefault(tenant) + signals.Count - room;
        }
    }
}
