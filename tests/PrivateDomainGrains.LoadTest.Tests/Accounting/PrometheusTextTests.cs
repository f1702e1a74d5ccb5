using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class PrometheusTextTests
{
    private const string Scrape = """
        # TYPE dotnet_gc_pause_time_seconds_total counter
        # UNIT dotnet_gc_pause_time_seconds_total seconds
        dotnet_gc_pause_time_seconds_total{otel_scope_name="System.Runtime"} 0.25 1764518400000
        # TYPE dotnet_thread_pool_queue_length_total counter
        dotnet_thread_pool_queue_length_total{otel_scope_name="System.Runtime"} 12 1764518400000
        dotnet_thread_pool_queue_length_total_extra 99
        dotnet_gc_collections_total{gc_heap_generation="gen0"} 40
        dotnet_gc_collections_total{gc_heap_generation="gen1",note="a } in a label"} 2
        pdg_plain 7
        """;

    [Fact]
    public void Reads_a_metrics_value_whatever_its_labels_and_timestamp()
    {
        Assert.Equal(0.25, PrometheusText.Sum(Scrape, PrometheusText.GcPauseSeconds));
        Assert.Equal(12, PrometheusText.Sum(Scrape, PrometheusText.ThreadPoolQueueLength));
        Assert.Equal(7, PrometheusText.Sum(Scrape, "pdg_plain"));
    }

    [Fact]
    public void Sums_every_label_set_of_a_metric() => Assert.Equal(42, PrometheusText.Sum(Scrape, "dotnet_gc_collections_total"));

    [Fact]
    public void A_metric_the_scrape_lacks_is_null_not_zero()
    {
        Assert.Null(PrometheusText.Sum(Scrape, "dotnet_thread_pool_queue"));
        Assert.Null(PrometheusText.Sum("", PrometheusText.GcPauseSeconds));
    }
}
