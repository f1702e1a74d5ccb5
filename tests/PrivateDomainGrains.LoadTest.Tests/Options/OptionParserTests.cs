using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Tests.Options;

public sealed class OptionParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 13, 45, 6, TimeSpan.Zero);

    private static LoadTestOptions Parse(params string[] args) =>
        OptionParser.Parse(args, Now, _ => null) ?? throw new InvalidOperationException("help");

    private static string Error(params string[] args) => Assert.Throws<OptionsException>(() => Parse(args)).Message;

    [Fact]
    public void Defaults_describe_a_steady_run_with_a_fresh_tenant_and_one_console_per_staff_member()
    {
        var o = Parse();
        Assert.Equal(Preset.Steady, o.Preset);
        Assert.Equal("lt-20261122-134506", o.Tenant);
        Assert.Equal([new Uri("http://127.0.0.1:5000/")], o.Targets);
        Assert.Equal((1000, 10, 10), (o.Customers, o.Staff, o.Consoles));
        Assert.Equal(500, o.Rate);
        Assert.Equal(TimeSpan.FromSeconds(60), o.Duration);
        Assert.Equal(TimeSpan.FromSeconds(10), o.Warmup);
        Assert.True(o.ProvisionCustomers);
        Assert.Same(EventMix.Default, o.Mix);
        Assert.Equal(Path.Combine("loadtest-reports", "20261122-134506"), o.OutputDirectory);
    }

    [Fact]
    public void Explicit_options_override_the_preset()
    {
        var o = Parse("--preset", "activate", "--customers", "1_000_000", "--rate", "25000", "--consoles", "2", "--provision", "yes");
        Assert.Equal(Preset.Activate, o.Preset);
        Assert.Equal(1_000_000, o.Customers);
        Assert.Equal(TimeSpan.FromSeconds(40), o.Duration);
        Assert.Equal(2, o.Consoles);
        Assert.True(o.ProvisionCustomers);
    }

    [Fact]
    public void Activate_defaults_to_page_views_without_consoles_provisioning_or_warm_up()
    {
        var o = Parse("--preset", "activate");
        Assert.Equal(100_000, o.Customers);
        Assert.Equal(0, o.Consoles);
        Assert.False(o.ProvisionCustomers);
        Assert.Equal(TimeSpan.Zero, o.Warmup);
        Assert.Equal(["page.viewed"], o.Mix.Weights.Keys);
    }

    [Fact]
    public void Several_targets_are_normalised_to_base_urls()
    {
        var o = Parse("--targets", "http://127.0.0.1:5080, http://127.0.0.1:5081/");
        Assert.Equal([new Uri("http://127.0.0.1:5080/"), new Uri("http://127.0.0.1:5081/")], o.Targets);
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("90", 90)]
    [InlineData("1.5s", 1.5)]
    public void Durations_take_units(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OptionParser.ParseDuration(text));

    [Fact]
    public void The_operator_key_falls_back_to_the_environment()
    {
        var o = OptionParser.Parse([], Now, name => name == "PDG_OPERATOR_KEY" ? "from-env" : null)!;
        Assert.Equal("from-env", o.OperatorKey);
        Assert.Equal("from-cli", OptionParser.Parse(["--operator-key", "from-cli"], Now, _ => "from-env")!.OperatorKey);
    }

    [Fact]
    public void Help_returns_null() => Assert.Null(OptionParser.Parse(["--rate", "5", "--help"], Now, _ => null));

    [Theory]
    [InlineData("unknown option '--speed'", "--speed", "5")]
    [InlineData("--rate needs a value", "--rate")]
    [InlineData("--rate needs a value", "--rate", "--seed", "1")]
    [InlineData("unexpected 'fast'", "fast")]
    [InlineData("--rate is given twice", "--rate", "1", "--rate", "2")]
    [InlineData("--rate: 'x' must be a number above 0", "--rate", "x")]
    [InlineData("--rate: '0' must be a number above 0", "--rate", "0")]
    [InlineData("--batch-size must be 1-1000", "--batch-size", "1001")]
    [InlineData("--customers must be at least 1", "--customers", "0")]
    [InlineData("--preset: 'burst' is not one of", "--preset", "burst")]
    [InlineData("--targets: 'ftp://x' is not an http(s) URL", "--targets", "ftp://x")]
    [InlineData("--duration: 'soon' is not a duration", "--duration", "soon")]
    [InlineData("--duration must be at least 30s for the spike preset", "--preset", "spike", "--duration", "20s")]
    [InlineData("--api-key and --admin-key go together", "--api-key", "k")]
    [InlineData("--provision: 'maybe' must be true or false", "--provision", "maybe")]
    [InlineData("--tenant: 'a b' must be", "--tenant", "a b")]
    [InlineData("--in-process-pg starts its own node", "--in-process-pg", "Host=x", "--targets", "http://a")]
    public void Bad_command_lines_say_what_is_wrong(string expected, params string[] args) =>
        Assert.StartsWith(expected, Error(args));

    [Fact]
    public void Mode_backfill_posts_history_and_anything_but_live_or_backfill_is_refused()
    {
        Assert.False(Parse().Backfill);
        Assert.False(Parse("--mode", "live").Backfill);
        Assert.True(Parse("--mode", "backfill").Backfill);
        Assert.Contains("--mode", Error("--mode", "history"));
    }
}
