using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Tests.Options;

public sealed class SoakOptionTests
{
    private static LoadTestOptions Parse(params string[] args) =>
        OptionParser.Parse(args, DateTimeOffset.UnixEpoch, _ => null) ?? throw new InvalidOperationException("help");

    [Fact]
    public void The_soak_preset_runs_five_tenants_200000_customers_and_10000_events_a_second_for_ten_minutes_unless_told()
    {
        var o = Parse("--preset", "soak");

        Assert.Equal((Preset.Soak, 5, 200_000, 10_000.0), (o.Preset, o.Soak!.Tenants, o.Customers, o.Rate));
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)), (o.Duration, o.Warmup, o.Drain));
        Assert.Equal((10, 10, 200), (o.Staff, o.Consoles, o.BatchSize));
        Assert.Null(o.Soak.PostgresDataDirectory);
    }

    [Fact]
    public void Every_soak_default_is_overridden_by_the_usual_options()
    {
        var o = Parse("--preset", "soak", "--tenants", "2", "--customers", "300", "--rate", "50", "--duration", "20s", "--warmup", "2s",
            "--staff", "3", "--batch-size", "10", "--pg-data", "/tmp/pg");

        Assert.Equal((2, 300, 50.0, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(2)), (o.Soak!.Tenants, o.Customers, o.Rate, o.Duration, o.Warmup));
        Assert.Equal((3, 3, 10, "/tmp/pg"), (o.Staff, o.Consoles, o.BatchSize, o.Soak.PostgresDataDirectory));
    }

    [Fact]
    public void The_customers_are_split_over_the_tenants_as_evenly_as_whole_numbers_allow_the_first_taking_the_remainder()
    {
        Assert.Equal([40_000, 40_000, 40_000, 40_000, 40_000], Enumerable.Range(0, 5).Select(t => new SoakOptions(5, null).Share(200_000, t)));
        Assert.Equal([3, 2, 2], Enumerable.Range(0, 3).Select(t => new SoakOptions(3, null).Share(7, t)));
        Assert.Equal(7, Enumerable.Range(0, 3).Sum(t => new SoakOptions(3, null).Share(7, t)));
    }

    [Fact]
    public void Each_tenant_is_named_after_the_runs_tenant_and_its_number() =>
        Assert.Equal("lt-20261130-t3", SoakOptions.TenantId("lt-20261130", 3));

    [Theory]
    [InlineData("--preset", "soak", "--tenants", "0")]
    [InlineData("--preset", "soak", "--tenants", "4", "--customers", "3")]
    [InlineData("--preset", "steady", "--tenants", "2")]
    [InlineData("--preset", "soak", "--api-key", "k", "--admin-key", "a")]
    public void Soak_settings_that_cannot_work_are_refused(params string[] args) =>
        Assert.Throws<OptionsException>(() => Parse(args));
}
