namespace PrivateDomainGrains.Client;

/// <summary>One node's resource use; CPU % comes from deltas of <see cref="CpuSecondsTotal"/> between samples.</summary>
/// <param name="Node">The node's silo address: several URLs of one node report one name.</param>
public sealed record NodeStats(string Node, long ActiveCustomerGrains, long WorkingSetBytes, long ManagedHeapBytes,
    double CpuSecondsTotal, int ProcessorCount, double UptimeSeconds);
