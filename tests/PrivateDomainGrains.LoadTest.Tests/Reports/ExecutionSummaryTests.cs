using PrivateDomainGrains.Client;
using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Reports;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Tests.Reports;

/// <summary>The load tool's per-staff execution summary, from a fixed execution report as the platform answers it.</summary>
public sealed class ExecutionSummaryTests
{
    private static readonly DateOnly From = new(2026, 11, 29), To = new(2026, 12, 1);

    /// <summary>A group as the API gives it: only the figures the summary reads are varied.</summary>
    private static ExecutionGroup Group(string key, long raised, long shown, long done, long doneByAction, double? doneRate, double? median,
        long notUseful, long expired, long open, long replies, long orders) =>
        new(key, null, null, raised, shown, raised - shown, shown, 0, done, doneByAction, done, notUseful, expired, 0, open, 0, 0,
            doneRate, null, null, median, median * 2, replies, orders, replies + 1, orders + 1, [new RevenueView("CNY", orders * 10m, orders * 12m)], null);

    /// <summary>
    /// staff-0: 40 raised, all shown, 20 done in the console and 4 by their own message (60%), median 90 s, 2 not useful,
    /// 3 expired, 11 open, 5 replies, 2 orders; staff-1: 10 raised, 2 held out, nothing done; the unassigned queue: 1 open.
    /// </summary>
    private static ExecutionReport Report() => new(From, To, "staff", 3600, DateTimeOffset.UnixEpoch,
        Group("", 51, 49, 20, 4, 24 / 49.0, 90, 2, 3, 20, 5, 2),
        [
            Group("", 1, 1, 0, 0, 0, null, 0, 0, 1, 0, 0),
            Group("staff-0", 40, 40, 20, 4, 0.6, 90, 2, 3, 11, 5, 2),
            Group("staff-1", 10, 8, 0, 0, 0, null, 0, 0, 8, 0, 0),
        ], "tenant");

    [Fact]
    public void Each_staff_member_gets_raised_done_done_rate_median_time_to_act_replies_and_orders_from_the_report()
    {
        var x = ExecutionFigures.Of(Report());

        Assert.Equal((From, To, (string?)null), (x.From, x.To, x.Error));
        Assert.Equal(
        [
            new StaffExecution("", 1, 1, 0, 0, null, 0, 0, 1, 0, 0),
            new StaffExecution("staff-0", 40, 40, 24, 0.6, 90, 2, 3, 11, 5, 2),
            new StaffExecution("staff-1", 10, 8, 0, 0, null, 0, 0, 8, 0, 0),
        ], x.Staff);
        Assert.Equal(new StaffExecution("", 51, 49, 24, 24 / 49.0, 90, 2, 3, 20, 5, 2), x.Total);
    }

    [Fact]
    public void A_report_grouped_by_anything_but_staff_is_refused()
    {
        var byTeam = Report() with { GroupBy = "team" };

        var e = Assert.Throws<ArgumentException>(() => ExecutionFigures.Of(byTeam));
        Assert.Contains("grouped by staff, not by team", e.Message);
    }

    [Fact]
    public void The_text_summary_shows_a_row_per_staff_member_and_the_total_next_to_the_runs_figures()
    {
        var text = TextReportWriter.Write(ReportBuilder.Build(RunInputs(ExecutionFigures.Of(Report()))));

        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToArray();
        Assert.Contains("execution     per staff member, nudges raised 2026-11-29 to 2026-12-01 (GET reports/execution?groupBy=staff)", lines);
        var staff0 = Assert.Single(lines, l => l.StartsWith("  staff-0 "));
        Assert.Equal(["staff-0", "40", "24", "60.0%", "1.5", "min", "2", "3", "11", "5", "2"], staff0.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var staff1 = Assert.Single(lines, l => l.StartsWith("  staff-1 "));
        Assert.Equal(["staff-1", "10", "0", "0.0%", "n/a", "0", "0", "8", "0", "0"], staff1.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Single(lines, l => l.StartsWith("  (unassigned) "));
        var total = Assert.Single(lines, l => l.StartsWith("  total "));
        Assert.Equal(["total", "51", "24", "49.0%", "1.5", "min", "2", "3", "20", "5", "2"], total.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Past_twenty_staff_the_text_shows_the_twenty_with_most_raised_and_says_how_many_more_the_files_hold()
    {
        var many = Report() with
        {
            Groups = [.. Enumerable.Range(0, 25).Select(i => Group($"s{i:00}", 100 + i, 100 + i, 0, 0, 0, null, 0, 0, 100 + i, 0, 0))],
        };

        var text = TextReportWriter.Write(ReportBuilder.Build(RunInputs(ExecutionFigures.Of(many))));

        Assert.DoesNotContain("  s04 ", text);
        Assert.Contains("  s05 ", text);
        Assert.Contains("  s24 ", text);
        Assert.Contains("... 5 more staff (the 20 with most raised shown; all in report.json and report.html)", text);
        Assert.Contains("<td>s00</td>", HtmlReportWriter.Write(ReportBuilder.Build(RunInputs(ExecutionFigures.Of(many)))));
    }

    [Fact]
    public void A_report_that_could_not_be_read_is_said_so_and_the_run_still_reports()
    {
        var r = ReportBuilder.Build(RunInputs(ExecutionFigures.Unavailable(From, To, "GET reports/execution on http://127.0.0.1:5080/: 503")));

        Assert.Contains("execution     nudges raised 2026-11-29 to 2026-12-01 (GET reports/execution?groupBy=staff): not read, GET reports/execution on http://127.0.0.1:5080/: 503",
            TextReportWriter.Write(r));
        Assert.Contains("<span class=\"bad\">Not read</span>: GET reports/execution on http://127.0.0.1:5080/: 503", HtmlReportWriter.Write(r));
        Assert.Contains("events        offered", TextReportWriter.Write(r));
    }

    [Fact]
    public void The_html_table_and_the_json_carry_every_staff_row()
    {
        var r = ReportBuilder.Build(RunInputs(ExecutionFigures.Of(Report())));

        var html = HtmlReportWriter.Write(r);
        Assert.Contains("<h2>Execution per staff member: nudges raised 2026-11-29 to 2026-12-01</h2>", html);
        Assert.Contains("<tr><td>staff-0</td><td>40</td><td>24</td><td>60.0%</td><td>1.5 min</td><td>2</td><td>3</td><td>11</td><td>5</td><td>2</td></tr>", html);
        Assert.Contains("<tr><td>total</td><td>51</td>", html);
        var back = JsonReportWriter.Read(JsonReportWriter.Write(r)).Execution!;
        Assert.Equal(r.Execution!.Staff, back.Staff);
        Assert.Equal(r.Execution.Total, back.Total);
        Assert.Contains("\"medianSecondsToAct\": 90", JsonReportWriter.Write(r));
    }

    /// <summary>A steady run of 2 s at 1/s with nothing sent: only the execution summary is of interest here.</summary>
    private static ReportInputs RunInputs(ExecutionFigures execution)
    {
        var options = OptionParser.Parse(["--preset", "steady", "--rate", "1", "--duration", "2s", "--warmup", "0s", "--customers", "2", "--staff", "2",
            "--tenant", "t1"], DateTimeOffset.UnixEpoch, _ => null)!;
        return new ReportInputs(options, DateTimeOffset.UnixEpoch, ArrivalSchedule.For(options), 0, [], null, 0, new HashSet<string>(), [], [], 0, 0, 0, [],
            Execution: execution);
    }
}
