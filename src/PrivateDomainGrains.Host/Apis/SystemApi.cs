using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Grains.Customers;
using PrivateDomainGrains.Host.Telemetry;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>The node answering and its cluster: resource use and running totals for operators, the operator view and the load tool (operator key).</summary>
public static class SystemApi
{
    /// <summary>
    /// This node now. Counts named <c>...Total</c> or <c>events...</c>/<c>nudges...</c>/<c>http...</c> only grow from the
    /// node's start: a reader takes rates (CPU %, events/s, allocation bytes/s, 5xx per minute) from the difference of two
    /// readings divided by the difference of their <c>UptimeSeconds</c>. GC and thread-pool figures are the runtime's own
    /// (<c>GC.GetTotalPauseDuration</c>, <c>GC.GetGCMemoryInfo().PauseDurations</c>, <c>ThreadPool</c>, <c>Monitor</c>);
    /// the same figures are on <c>/metrics</c> as the runtime's <c>dotnet.gc.*</c>, <c>dotnet.thread_pool.*</c> and
    /// <c>dotnet.monitor.lock_contentions</c>.
    /// </summary>
    /// <param name="Node">The node's silo address: the same node reached through several URLs reports one name.</param>
    /// <param name="ActiveCustomerGrains">Customer grains resident in this node's memory.</param>
    /// <param name="ManagedHeapBytes">Bytes the GC counts as allocated and not yet collected (<c>GC.GetTotalMemory</c>).</param>
    /// <param name="CpuSecondsTotal">Process CPU time, seconds, all cores.</param>
    /// <param name="GcPauseSecondsTotal">Time the GC paused the process since start, seconds (misses no pause).</param>
    /// <param name="GcPauseMaxSeconds">The longest single GC pause seen since start, seconds. Seen by sampling the last GC
    /// of each kind every second: of two GCs of one kind within a second only the later's pause is seen.</param>
    /// <param name="GcPauseMaxRecentSeconds">The same over the last minute.</param>
    /// <param name="Gen0Collections">Collections of generation 0 since start (each gen1 or gen2 collection counts here too).</param>
    /// <param name="GcHeapSizeBytes">The GC heap's size at the last collection, bytes, fragmentation included.</param>
    /// <param name="AllocatedBytesTotal">Bytes allocated since start: the allocation rate is its difference over time.</param>
    /// <param name="ThreadPoolThreads">Thread-pool threads now.</param>
    /// <param name="ThreadPoolQueueLength">Work items queued and not yet started: above 0 for long means starvation.</param>
    /// <param name="ThreadPoolCompletedTotal">Work items completed since start.</param>
    /// <param name="LockContentionsTotal">Times a thread waited for a <c>lock</c> held by another since start.</param>
    /// <param name="EventsAcceptedTotal">Events stored by this node since start (not duplicates).</param>
    /// <param name="EventsDuplicateTotal">Events recognised as already stored.</param>
    /// <param name="EventsRefusedTotal">Events not stored, any reason (invalid, unknown staff, conflict, failed, shed).</param>
    /// <param name="EventsShedTotal">Of those, refused at once because the node was at capacity (503, nothing stored).</param>
    /// <param name="NudgesRaisedTotal">Nudges committed for the first time by customer grains on this node.</param>
    /// <param name="NudgesPushedTotal">Nudges sent to consoles connected to this node.</param>
    /// <param name="Http5xxTotal">HTTP responses with a 5xx status since start (503 included).</param>
    /// <param name="Http503Total">Of those, 503: transient (retry later: shed load, a database hiccup).</param>
    /// <param name="SchedulerBacklog">Customers due and not yet woken in the scheduler shards active on this node, as last counted (every 10 s).</param>
    /// <param name="NudgeDispatchQueue">Nudges and nudge changes waiting on this node to go to their owners' staff grains.</param>
    /// <param name="GroupCommitQueue">Writes waiting for a group-commit flush: near 0 unless the database falls behind.</param>
    public sealed record NodeStats(string Node, long ActiveCustomerGrains, long WorkingSetBytes, long ManagedHeapBytes,
        double CpuSecondsTotal, int ProcessorCount, double UptimeSeconds,
        double GcPauseSecondsTotal, double GcPauseMaxSeconds, double GcPauseMaxRecentSeconds,
        int Gen0Collections, int Gen1Collections, int Gen2Collections, long GcHeapSizeBytes, long AllocatedBytesTotal,
        int ThreadPoolThreads, long ThreadPoolQueueLength, long ThreadPoolCompletedTotal, long LockContentionsTotal,
        long EventsAcceptedTotal, long EventsDuplicateTotal, long EventsRefusedTotal, long EventsShedTotal,
        long NudgesRaisedTotal, long NudgesPushedTotal, long Http5xxTotal, long Http503Total,
        long SchedulerBacklog, long NudgeDispatchQueue, int GroupCommitQueue);

    /// <summary>The cluster as its membership table has it, and what all nodes share.</summary>
    /// <param name="Nodes">Every node the membership table lists, active first; dead ones stay listed until cleaned up.</param>
    /// <param name="WebhookOutboxPending">Webhook deliveries pending in the outbox, all tenants.</param>
    public sealed record ClusterStats(IReadOnlyList<ClusterNode> Nodes, long WebhookOutboxPending);

    /// <summary>One node of the cluster.</summary>
    /// <param name="Node">Its silo address, as <see cref="NodeStats.Node"/> names it.</param>
    /// <param name="Status">Orleans' silo status: Active, Joining, ShuttingDown, Stopping, Dead...</param>
    /// <param name="Activations">Grain activations of every type on the node (null when it did not answer).</param>
    /// <param name="Residents">Customer grains resident on the node (null when it did not answer).</param>
    /// <param name="StartedAt">When the node started, as it wrote in the membership table.</param>
    /// <param name="LastAliveAt">Its last "I am alive" in the membership table.</param>
    public sealed record ClusterNode(string Node, string Name, string Status, int? Activations, long? Residents, DateTimeOffset StartedAt, DateTimeOffset LastAliveAt);

    public static RouteGroupBuilder MapSystemApi(this RouteGroupBuilder api)
    {
        var system = api.MapGroup("/system").WithTags("System").RequireOperatorKey();
        system.MapGet("/stats", GetStats).WithName("GetSystemStats")
            .WithSummary("This node's memory, CPU time, GC and thread pool, resident customers, and running totals of events, nudges and errors.");
        system.MapGet("/cluster", GetClusterAsync).WithName("GetClusterStats")
            .WithSummary("Every node of the cluster with its status, activations and resident customers, and the webhook outbox's depth.");
        return api;
    }

    private static Ok<NodeStats> GetStats(ILocalSiloDetails silo, CustomerMetrics customers, NodeFigures figures, GroupCommitWriter commits)
    {
        using var process = Process.GetCurrentProcess();
        var totals = figures.Read();
        var gc = GC.GetGCMemoryInfo();
        return TypedResults.Ok(new NodeStats(silo.SiloAddress.ToString(), customers.Resident,
            process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), process.TotalProcessorTime.TotalSeconds,
            Environment.ProcessorCount, (DateTime.Now - process.StartTime).TotalSeconds,
            GC.GetTotalPauseDuration().TotalSeconds, totals.GcPauseMaxSeconds, totals.GcPauseMaxRecentSeconds,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), gc.HeapSizeBytes, GC.GetTotalAllocatedBytes(),
            ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount, ThreadPool.CompletedWorkItemCount, Monitor.LockContentionCount,
            totals.EventsAccepted, totals.EventsDuplicate, totals.EventsRefused, totals.EventsShed, totals.NudgesRaised, totals.NudgesPushed,
            totals.Http5xx, totals.Http503, totals.SchedulerBacklog, totals.NudgeDispatchQueue, commits.Queued));
    }

    private static async Task<Ok<ClusterStats>> GetClusterAsync(IGrainFactory grains, WebhookDeliveries outbox, CancellationToken ct)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var members = await management.GetDetailedHosts(onlyActive: false);
        var active = members.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToArray();
        var activations = new Dictionary<SiloAddress, int>();
        var residents = new Dictionary<SiloAddress, long>();
        if (active.Length > 0)
        {
            var runtime = await management.GetRuntimeStatistics(active);
            for (var i = 0; i < active.Length; i++) activations[active[i]] = runtime[i].ActivationCount;
            // Orleans names a grain class "Namespace.Type,Assembly" in its statistics.
            var customerGrain = $"{typeof(CustomerGrain).FullName},{typeof(CustomerGrain).Assembly.GetName().Name}";
            foreach (var grainType in await management.GetSimpleGrainStatistics(active))
                if (grainType.GrainType == customerGrain)
                    residents[grainType.SiloAddress] = residents.GetValueOrDefault(grainType.SiloAddress) + grainType.ActivationCount;
        }
        var nodes = members
            .OrderBy(m => m.Status == SiloStatus.Active ? 0 : 1).ThenBy(m => m.SiloAddress.ToString(), StringComparer.Ordinal)
            .Select(m => new ClusterNode(m.SiloAddress.ToString(), m.SiloName, m.Status.ToString(),
                activations.TryGetValue(m.SiloAddress, out var a) ? a : null,
                activations.ContainsKey(m.SiloAddress) ? residents.GetValueOrDefault(m.SiloAddress) : null,
                new DateTimeOffset(m.StartTime, TimeSpan.Zero), new DateTimeOffset(m.IAmAliveTime, TimeSpan.Zero)))
            .ToList();
        return TypedResults.Ok(new ClusterStats(nodes, await outbox.CountPendingAsync(ct)));
    }
}
