namespace PrivateDomainGrains.Client;

/// <summary>
/// One node's resource use and running totals (<c>GetSystemStats</c>; the API reference describes each figure).
/// Totals only grow from the node's start: rates (CPU %, events/s, allocation rate) come from deltas between two
/// readings over the delta of <see cref="UptimeSeconds"/>.
/// </summary>
/// <param name="Node">The node's silo address: several URLs of one node report one name.</param>
public sealed record NodeStats(string Node, long ActiveCustomerGrains, long WorkingSetBytes, long ManagedHeapBytes,
    double CpuSecondsTotal, int ProcessorCount, double UptimeSeconds,
    double GcPauseSecondsTotal = 0, double GcPauseMaxSeconds = 0, double GcPauseMaxRecentSeconds = 0,
    int Gen0Collections = 0, int Gen1Collections = 0, int Gen2Collections = 0, long GcHeapSizeBytes = 0, long AllocatedBytesTotal = 0,
    int ThreadPoolThreads = 0, long ThreadPoolQueueLength = 0, long ThreadPoolCompletedTotal = 0, long LockContentionsTotal = 0,
    long EventsAcceptedTotal = 0, long EventsDuplicateTotal = 0, long EventsRefusedTotal = 0, long EventsShedTotal = 0,
    long NudgesRaisedTotal = 0, long NudgesPushedTotal = 0, long Http5xxTotal = 0, long Http503Total = 0,
    long SchedulerBacklog = 0, long NudgeDispatchQueue = 0, int GroupCommitQueue = 0);

/// <summary>The cluster as its membership table has it (<c>GetClusterStats</c>), and the webhook outbox all nodes share.</summary>
public sealed record ClusterStats(IReadOnlyList<ClusterNode> Nodes, long WebhookOutboxPending);

/// <summary>One node: Orleans' silo <paramref name="Status"/> (Active, Joining, ShuttingDown, Stopping, Dead); figures null when it did not answer.</summary>
public sealed record ClusterNode(string Node, string Name, string Status, int? Activations, long? Residents, DateTimeOffset StartedAt, DateTimeOffset LastAliveAt);
