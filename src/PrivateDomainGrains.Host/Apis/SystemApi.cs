using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Grains.Customers;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>The node answering: resource use for operators and the load tool (operator key).</summary>
public static class SystemApi
{
    /// <summary>This node's resource use, sampled by the load-test tool; CPU % comes from deltas of <c>CpuSecondsTotal</c>.</summary>
    /// <param name="Node">The node's silo address: the same node reached through several URLs reports one name.</param>
    public sealed record NodeStats(string Node, long ActiveCustomerGrains, long WorkingSetBytes, long ManagedHeapBytes,
        double CpuSecondsTotal, int ProcessorCount, double UptimeSeconds);

    public static RouteGroupBuilder MapSystemApi(this RouteGroupBuilder api)
    {
        var system = api.MapGroup("/system").WithTags("System").RequireOperatorKey();
        system.MapGet("/stats", GetStats).WithName("GetSystemStats")
            .WithSummary("This node's memory, CPU time and active customer grains.");
        return api;
    }

    private static Ok<NodeStats> GetStats(ILocalSiloDetails silo, CustomerMetrics customers)
    {
        using var process = Process.GetCurrentProcess();
        return TypedResults.Ok(new NodeStats(silo.SiloAddress.ToString(), customers.Resident,
            process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), process.TotalProcessorTime.TotalSeconds,
            Environment.ProcessorCount, (DateTime.Now - process.StartTime).TotalSeconds));
    }
}
