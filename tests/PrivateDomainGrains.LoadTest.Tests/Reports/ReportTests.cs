using PrivateDomainGrains.Client;
using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Api;
using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Reports;
using PrivateDomainGrains.LoadTest.Run;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Tests.Reports;

public sealed class ReportTests
{
    private const long S = TimeSpan.TicksPerSecond, Ms = TimeSpan.TicksPerMillisecond;
    private const long Start = 10 * S;

    /// <summary>A 10/s run of 4 s with 1 s warm-up: 40 events, every 4th one a message.received for alice's customer.</summary>
    private static ReportInputs Inputs(Preset preset = Preset.Steady, bool loseOne = false)
    {
        string[] soak = preset == Preset.Soak ? ["--tenants", "1"] : [];
        var options = OptionParser.Parse(["--preset", preset.ToString().ToLowerInvariant(), "--rate", "10", "--duration", "3s", "--warmup", "1s",
            "--customers", "2", "--staff", "2", "--tenant", "t1", "--seed", "7", .. soak], DateTimeOffset.UnixEpoch, _ => null)!;
        var schedule = ArrivalSchedule.For(options);
        var events = Enumerable.Range(0, (int)schedule.TotalEvents).Select(i =>
        {
            var due = Start + schedule.TimeOf(i).Ticks;
            var outcome = i == 39 ? EventOutcome.Failed : i == 38 ? EventOutcome.Rejected : EventOutcome.Accepted;
            return new SentEvent($"e{i}", "c-0", i % 4 == 0 ? "message.received" : "page.viewed", null, due,
                outcome == EventOutcome.Failed ? 0 : due + (i + 1) * Ms, due >= Start + schedule.MeasureFrom.Ticks, outcome);
        }).ToArray();
        var arrivals = events.Where(e => e.Type == "message.received" && (!loseOne || e.EventId != "e36"))
            .Select(e => new NudgeArrival($"n{e.EventId}", e.EventId, "reply", "staff-0", "staff-0", 0, e.DueTicks + 50 * Ms)).ToArray();
        var provisioning = new ProvisioningResult(new TenantCredentials("t1", "api", "adm"), true, 2,
            new Dictionary<string, string> { ["c-0"] = "staff-0", ["c-1"] = "staff-1" }, 0, TimeSpan.FromSeconds(1.5));
        NodeStatsSample Stat(long at, double cpu, long grains) => new("node-1", at, grains, 100_000_000 + grains * 1000, 50_000_000, cpu, 2, at / (double)S);
        return new ReportInputs(options, DateTimeOffset.UnixEpoch, schedule, Start, events, provisioning, 2,
            new HashSet<string> { "staff-0", "staff-1" }, arrivals, [Stat(Start, 1, 0), Stat(Start + 2 * S, 2, 2), Stat(Start + 4 * S, 3, 2)],
            arrivals.Length, 0, 0, [new ErrorCount("post events: boom", 1)]);
    }

    [Fact]
    public void Counts_only_the_measured_period()
    {
        var r = ReportBuilder.Build(Inputs());
        Assert.Equal(new EventFigures(30, 28, 0, 0, 1, 1, 10), r.Events);
        Assert.Equal(28, r.Events.Acknowledged);
        Assert.Equal(10, r.Throughput.OfferedPerSecond, tolerance: 0.1);
        Assert.Equal(3, r.Throughput.MeasuredSeconds, tolerance: 0.001);
        Assert.Equal(28, r.AckLatency.Count);
        Assert.Equal(38, r.AckLatency.MaxMs, tolerance: 0.1);
    }

    [Fact]
    public void Nudges_are_reconciled_against_the_accepted_measured_events()
    {
        var r = ReportBuilder.Build(Inputs(loseOne: true));
        // Measured message.received: e12, e16, ..., e36 = 7 events; e36 lost; warm-up e0..e8 arrive outside the measurement.
        Assert.Equal((7L, 6L, 1L, 3L), (r.Nudges.Expected, r.Nudges.Received, r.Nudges.Lost, r.Nudges.OutsideMeasurement));
        Assert.Equal(["e36"], r.Nudges.LostSample);
        Assert.Equal(50, r.NudgeLatency.P99Ms, tolerance: 0.1);
        Assert.Equal(6, r.NudgeLatencyHistogram.Sum(b => b.Count));
    }

    [Fact]
    public void Host_figures_and_activation()
    {
        var r = ReportBuilder.Build(Inputs(Preset.Activate));
        Assert.Equal(2, r.Host!.ActiveCustomerGrains);
        Assert.Equal(1000, r.Host.IncrementalBytesPerActiveCustomer);
        Assert.NotNull(r.Activation);
        Assert.Null(ReportBuilder.Build(Inputs()).Activation);
    }

    [Fact]
    public void A_handover_reports_its_duration_rate_and_where_the_moved_customers_next_nudges_went()
    {
        // Every reply arrives on staff-0's console; after the handover completes (2.5 s in) they should go to staff-1.
        var status = new HandoverView("h1", "staff-0", "staff-1", "completed", 1, 1, 0, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(0.4));
        var inputs = Inputs() with { Handover = new HandoverResult("staff-0", "staff-1", Start + 2 * S, Start + 2500 * Ms, status) };

        var r = ReportBuilder.Build(inputs);

        Assert.Equal(new HandoverFigures("staff-0", "staff-1", "completed", 2, 1, 1, 0, 0.5, 0.4, 2.5, new HandoverNudges(3, 0, 3), null), r.Handover);
        Assert.Equal(3, r.Nudges.Misrouted);
        Assert.Contains("moved customers' nudges after it: expected 3  at the new owner 0  lost 3  misrouted 3", TextReportWriter.Write(r));
        Assert.Contains("Handover staff-0 to staff-1 under load", HtmlReportWriter.Write(r));
        Assert.Null(ReportBuilder.Build(Inputs()).Handover);
    }

    [Fact]
    public void A_soak_report_gives_cpu_per_1000_durable_events_over_the_span_its_samples_cover_gc_the_thread_pool_and_the_targets()
    {
        // Host samples at 2 s and 4 s fall in the measured period (from 1 s): 1 core-second over the 18 events accepted and
        // answered between them (events 20-37). PostgreSQL's from 1 s to 3 s: 0.5 s over events 10-29.
        // The node's GC, thread-pool and lock figures at 0 s, 2 s and 4 s: the reading at 0 s falls before the measured period.
        var inputs = Inputs(Preset.Soak);
        (double Pause, double Longest, long Queued, long Contentions, long Allocated)[] figures =
            [(0.0, 0.090, 40, 0, 0), (0.150, 0.050, 3, 20, 4_000_000), (0.160, 0.030, 2, 50, 4_900_000)];
        inputs = inputs with
        {
            Stats = inputs.Stats.Zip(figures, (s, f) =>
                s with
                {
                    GcPauseSecondsTotal = f.Pause, GcPauseMaxRecentSeconds = f.Longest, ThreadPoolQueueLength = f.Queued, LockContentionsTotal = f.Contentions,
                    AllocatedBytesTotal = f.Allocated,
                }).ToArray(),
            Soak = new SoakInputs([new SoakTenant("t1-t0", 2, 10)],
                [new CpuSample(Start + 1 * S, 10), new CpuSample(Start + 3 * S, 10.5)], null,
                [new CpuSample(Start + 2 * S, 1), new CpuSample(Start + 4 * S, 1.9)]),
        };

        var report = ReportBuilder.Build(inputs);

        var soak = report.Soak!;
        Assert.Equal((18L, 1.0, 55_555.56), (soak.DurableEvents, soak.HostCpuSeconds!.Value, soak.HostCoreMsPer1000Events!.Value));
        // 900,000 bytes allocated between the readings at 2 s and 4 s, over the same 18 events.
        Assert.Equal(50_000.0, soak.HostAllocatedBytesPerEvent!.Value);
        Assert.Equal((0.5, 25_000.0), (soak.PostgresCpuSeconds!.Value, soak.PostgresCoreMsPer1000Events!.Value));
        Assert.Equal((0.9, 50_000.0), (soak.LoadToolCpuSeconds!.Value, soak.LoadToolCoreMsPer1000Events!.Value));
        // From the readings at 2 s and 4 s: 10 ms paused, the longest 50 ms, 2 to 3 queued, 30 contentions in 2 s.
        Assert.Equal((10.0, 50.0, 3.0, 3.0, 15.0),
            (soak.GcPauseTotalMs!.Value, soak.GcPauseLongestMs!.Value, soak.ThreadPoolQueueMax!.Value, soak.ThreadPoolQueueP99!.Value, soak.LockContentionsPerSecond!.Value));
        Assert.Equal(report.Timeline.Where(p => p.NudgesReceived > 0).Max(p => p.NudgeP99Ms), soak.WorstSecond!.P99Ms);
        Assert.All(soak.Targets, t => Assert.True(t.Met, t.What));
        var text = TextReportWriter.Write(report);
        Assert.Contains("host 55555.6 core-ms, PostgreSQL 25000.0 core-ms, load tool 50000.0 core-ms", text);
        Assert.Contains("target met     nudges lost 0: 0", text);
        Assert.Contains("target met     GC pause none over 100 ms: longest 50.0 ms", text);
        Assert.Contains("gc          pauses 10.0 ms in total, the longest 50.0 ms", text);
        Assert.Contains("lock contentions 15.0/s", text);
        Assert.Contains("allocated   host 50000 bytes per durable event", text);
        Assert.Equal(soak.GcPauseLongestMs, JsonReportWriter.Read(JsonReportWriter.Write(report)).Soak!.GcPauseLongestMs);
        Assert.Equal(soak.NudgeP99BySecond, JsonReportWriter.Read(JsonReportWriter.Write(report)).Soak!.NudgeP99BySecond);
        var html = HtmlReportWriter.Write(report);
        Assert.Contains("Event to console p99 per second", html);
        Assert.Contains("<td>10.0 ms / 50.0 ms</td>", html);
        Assert.Contains("<td>50000 bytes</td>", html);
    }

    [Fact]
    public void Json_round_trips()
    {
        var report = ReportBuilder.Build(Inputs());
        var json = JsonReportWriter.Write(report);
        var back = JsonReportWriter.Read(json);
        Assert.Equal(report.Events, back.Events);
        Assert.Equal(report.AckLatency, back.AckLatency);
        Assert.Equal(report.Nudges.Expected, back.Nudges.Expected);
        Assert.Equal(report.Timeline, back.Timeline);
        Assert.Contains("\"sustainedAcknowledgedPerSecond\"", json);
    }

    [Fact]
    public void Html_is_one_self_contained_page_with_charts()
    {
        var html = HtmlReportWriter.Write(ReportBuilder.Build(Inputs(loseOne: true)));
        Assert.StartsWith("<!doctype html>", html);
        Assert.Equal(4, html.Split("<svg").Length - 1);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("<link", html);
        Assert.Contains("class=\"bad\">lost", html);
        Assert.Contains("post events: boom", html);
    }

    [Fact]
    public void Text_summary_names_the_headline_figures()
    {
        var text = TextReportWriter.Write(ReportBuilder.Build(Inputs(loseOne: true)));
        Assert.Contains("offered 30  acknowledged 28", text);
        Assert.Contains("expected 7  received 6  lost 1", text);
        Assert.Contains("lost e.g.     e36", text);
    }

    [Fact]
    public void Files_are_written_to_the_output_folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pdg-lt-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = ReportFiles.Write(ReportBuilder.Build(Inputs()), dir);
            Assert.Equal(["report.json", "report.html", "summary.txt"], files.Select(Path.GetFileName));
            Assert.All(files, f => Assert.True(new FileInfo(f).Length > 100));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
