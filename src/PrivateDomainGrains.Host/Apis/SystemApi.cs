using System.Diagnostics;
using PrivateDomainGrains.Grains.Customers;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

public static class SystemApi
{
    /// <summary>This node's resource use, sampled by the load-test tool; CPU % comes from deltas of <c>CpuSecondsTotal</c>.</summary>
    public sealed record NodeStats(string Node, long ActiveCustomerGrains, long WorkingSetBytes, long ManagedHeapBytes,
        double CpuSecondsTotal, int ProcessorCount, double UptimeSeconds);

    public static RouteGroupBuilder MapSystemApi(this RouteGroupBuilder api)
    {
        api.MapGet("/system/stats", (ILocalSiloDetails silo, CustomerMetrics customers) =>
            {
                using var process = Process.GetCurrentProcess();
                return TypedResults.Ok(new NodeStats(silo.SiloAddress.ToString(), customers.Resident,
                    process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), process.TotalProcessorTime.TotalSeconds,
                    Environment.ProcessorCount, (DateTime.Now - process.StartTime).TotalSeconds));
            })
            .AddEndpointFilter<OperatorKeyFilter>()
            .WithSummary("This node's memory, CPU time and active customer grains (operator key).");
        return api;
    }
}
