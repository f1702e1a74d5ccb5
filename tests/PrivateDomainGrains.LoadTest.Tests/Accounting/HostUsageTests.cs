using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class HostUsageTests
{
    private static NodeStatsSample Sample(string node, double uptime, double cpu, long grains, long workingSet, int processors = 2) =>
        new(node, (long)(uptime * TimeSpan.TicksPerSecond), grains, workingSet, workingSet / 2, cpu, processors, uptime);

    [Fact]
    public void Cpu_percent_is_of_all_cores_from_counter_deltas()
    {
        Assert.Equal(50, HostUsage.CpuPercent(Sample("a", 10, 4, 0, 0), Sample("a", 12, 6, 0, 0))!.Value, 6);
        Assert.Equal(100, HostUsage.CpuPercent(Sample("a", 10, 4, 0, 0), Sample("a", 11, 7, 0, 0))!.Value, 6);
    }

    [Fact]
    public void A_restart_or_a_repeated_sample_gives_no_cpu_figure()
    {
        Assert.Null(HostUsage.CpuPercent(Sample("a", 100, 50, 0, 0), Sample("a", 2, 1, 0, 0)));
        Assert.Null(HostUsage.CpuPercent(Sample("a", 10, 4, 0, 0), Sample("a", 10, 4, 0, 0)));
    }

    [Fact]
    public void Summarise_per_node_and_bytes_per_customer_overall_and_of_growth()
    {
        var h = HostUsage.Summarise(
        [
            Sample("b", 10, 1, 0, 100_000_000), Sample("b", 11, 2, 10_000, 130_000_000),
            Sample("a", 10, 1, 0, 100_000_000), Sample("a", 11, 1.5, 5_000, 110_000_000), Sample("a", 12, 2.5, 10_000, 120_000_000),
        ]);
        Assert.Equal(["a", "b"], h.Nodes.Select(n => n.Node));
        var a = h.Nodes[0];
        Assert.Equal((3, 37.5, 50.0, 120_000_000L, 10_000L), (a.Samples, a.CpuAveragePercent, a.CpuMaxPercent, a.WorkingSetMaxBytes, a.ActiveCustomerGrainsLast));
        Assert.Equal(60_000_000, a.ManagedHeapMaxBytes);
        Assert.Equal(20_000, h.ActiveCustomerGrains);
        Assert.Equal(250_000_000, h.WorkingSetBytes);
        Assert.Equal(12_500, h.BytesPerActiveCustomer);
        Assert.Equal(2_500, h.IncrementalBytesPerActiveCustomer);
    }

    [Fact]
    public void No_customers_no_per_customer_figures()
    {
        var h = HostUsage.Summarise([Sample("a", 1, 0, 0, 10), Sample("a", 2, 0, 0, 20)]);
        Assert.Null(h.BytesPerActiveCustomer);
        Assert.Null(h.IncrementalBytesPerActiveCustomer);
    }
}
