using System.Net;
using System.Text;
using PrivateDomainGrains.LoadTest.Accounting;
using static PrivateDomainGrains.LoadTest.Reports.Units;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>A single self-contained page: tables plus inline SVG charts, openable from disk or a CI artifact.</summary>
public static class HtmlReportWriter
{
    public static string Write(RunReport r)
    {
        var s = r.Settings;
        var b = new StringBuilder();
        b.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"Load test {s.Preset} {s.Tenant}"))
            .Append("</title><style>body{font-family:sans-serif;margin:24px;color:#222;max-width:1000px}table{border-collapse:collapse;margin:8px 0 20px}")
            .Append("td,th{border:1px solid #ddd;padding:4px 10px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}")
            .Append(".bad{color:#b00020;font-weight:bold}svg{display:block;margin:12px 0}</style></head><body>");
        b.Append($"<h1>Load test: {E(s.Preset)}</h1><p>Started {E(r.StartedAt.ToString("u"))}; tenant {E(s.Tenant)}; targets {E(string.Join(", ", s.Targets))}</p>");

        Table(b, "Settings", ["setting", "value"],
        [
            ["customers / staff / consoles", $"{N(s.Customers)} / {s.Staff} / {s.Consoles}"],
            ["offered rate", $"{F(s.Rate, "0.#")} events/s"],
            ["duration / warm-up / drain", $"{F(s.DurationSeconds, "0.#")} s / {F(s.WarmupSeconds, "0.#")} s / {F(s.DrainSeconds, "0.#")} s"],
            ["batch size / max in flight / seed", $"{s.BatchSize} / {s.MaxInFlight} / {s.Seed}"],
            ["mix", E(s.Mix.Replace(",", ", "))],
        ]);
        var e = r.Events;
        Table(b, "Events (measured period)", ["", "count"],
        [
            ["offered", N(e.Offered)], ["acknowledged", N(e.Acknowledged)], ["accepted", N(e.Accepted)],
            ["duplicate", N(e.Duplicates)], ["ambiguous (batch mixed new and duplicate)", N(e.Ambiguous)],
            [Bad("rejected", e.Rejected), N(e.Rejected)], [Bad("failed", e.Failed), N(e.Failed)], ["warm-up (not measured)", N(e.WarmupOffered)],
            ["offered rate", F(r.Throughput.OfferedPerSecond, "0.0") + "/s"],
            ["sustained acknowledged rate", F(r.Throughput.SustainedAcknowledgedPerSecond, "0.0") + "/s"],
        ]);
        Table(b, "Latency (from scheduled send time)", ["", "n", "p50", "p95", "p99", "p99.9", "max"],
        [
            LatencyRow("ingest acknowledgement", r.AckLatency),
            LatencyRow("event to nudge on console", r.NudgeLatency),
        ]);
        var n = r.Nudges;
        Table(b, "Nudges", ["", "count"],
        [
            ["consoles connected", N(n.ConsolesConnected)], ["expected", N(n.Expected)], ["received", N(n.Received)],
            [Bad("lost", n.Lost), N(n.Lost)], [Bad("duplicated", n.Duplicates), N(n.Duplicates)],
            ["replayed while open (after a reconnect; not a duplicate)", N(n.ReplayedWhileOpen)],
            [Bad("misrouted (another staff member's console)", n.Misrouted), N(n.Misrouted)],
            [Bad("wrong kind", n.WrongKind), N(n.WrongKind)], [Bad("unexpected", n.Unexpected), N(n.Unexpected)],
            ["copies on the owner's other consoles", N(n.ExtraCopies)], ["outside the measurement", N(n.OutsideMeasurement)],
            ["unobserved (owner has no console)", N(n.Unobserved)], ["acks sent / failed", $"{N(n.AcksSent)} / {N(n.AckFailures)}"],
            ["reconnects", N(n.Reconnects)],
        ]);
        if (n.LostSample.Count > 0) b.Append($"<p>Lost, e.g.: {E(string.Join(" ", n.LostSample))}</p>");
        if (r.Timers is { } timers)
        {
            Table(b, "Timers (due time to first arrival on the owner's console)", ["", "value"],
            [
                ["first due time / window / rule delay", $"{E(timers.FirstDue.ToString("u"))} / {F(timers.WindowSeconds, "0.#")} s / {F(timers.RuleDelayMinutes, "0")} min"],
                ["expected", N(timers.Expected)], ["fired", N(timers.Received)], [Bad("lost", timers.Lost), N(timers.Lost)],
                [Bad("duplicated", timers.Duplicates), N(timers.Duplicates)], [Bad("misrouted", timers.Misrouted), N(timers.Misrouted)],
                [Bad("unexpected", timers.Unexpected), N(timers.Unexpected)], [Bad("early (before the due time)", timers.Early), N(timers.Early)],
                ["unobserved (owner has no console)", N(timers.Unobserved)],
                ["within 60 s", F(timers.FiredWithinTargetFraction * 100, "0.###") + "%"],
                ["drained after the first due time", timers.DrainSeconds is { } d ? F(d, "0.0") + " s" : "n/a"],
                [Bad("provisioning past the first due time", timers.ProvisioningOverranSeconds > 0 ? 1 : 0), F(timers.ProvisioningOverranSeconds, "0.0") + " s"],
            ]);
            Table(b, "Timer lag", ["", "n", "p50", "p95", "p99", "p99.9", "max"], [LatencyRow("due time to console", timers.Lag)]);
            b.Append(SvgCharts.Histogram("Timer lag (due time to console)", timers.LagHistogram));
        }
        if (r.Handover is { } ho)
            Table(b, $"Handover {ho.From} to {ho.To} under load", ["", "value"],
            [
                ["requested at / state", $"{F(ho.RequestedAtSeconds, "0.0")} s / {E(ho.State)}"],
                ["customers moved / total", $"{N(ho.Moved)} / {N(ho.Total)}"], [Bad("failed", ho.Failed), N(ho.Failed)],
                ["duration (request to completed seen / on the server)", $"{Seconds(ho.Seconds)} / {Seconds(ho.ServerSeconds)}"],
                ["customers moved per second", ho.MovedPerSecond is { } rate ? F(rate, "0.0") : "n/a"],
                ["moved customers' nudges after it: expected / at the new owner", ho.NudgesAfter is { } x ? $"{N(x.Expected)} / {N(x.Received)}" : "n/a"],
                [Bad("lost / misrouted of those", (ho.NudgesAfter?.Lost ?? 0) + (ho.NudgesAfter?.Misrouted ?? 0)),
                    ho.NudgesAfter is { } y ? $"{N(y.Lost)} / {N(y.Misrouted)}" : "n/a"],
                [Bad("error", ho.Error is null ? 0 : 1), E(ho.Error ?? "none")],
            ]);
        if (r.Chaos is { } chaos) Chaos(b, chaos);
        if (r.Noisy is { } noisy) Noisy(b, noisy);
        if (r.Soak is { } soak) Soak(b, soak);
        if (r.Activation is { } a)
            Table(b, "Activation", ["customers", "acknowledged", "seconds", "per second"],
                [[N(a.Customers), N(a.Acknowledged), F(a.Seconds, "0.0"), F(a.PerSecond, "0")]]);
        if (r.Host is { } h)
        {
            Table(b, "Host", ["node", "samples", "cpu avg", "cpu max", "working set max", "managed heap max", "customer grains"],
                h.Nodes.Select(x => new[]
                {
                    E(x.Node), N(x.Samples), F(x.CpuAveragePercent, "0") + "%", F(x.CpuMaxPercent, "0") + "%",
                    Bytes(x.WorkingSetMaxBytes), Bytes(x.ManagedHeapMaxBytes), N(x.ActiveCustomerGrainsLast),
                }).ToArray());
            b.Append($"<p>{N(h.ActiveCustomerGrains)} active customer grains in {Bytes(h.WorkingSetBytes)} working set: {Bytes(h.BytesPerActiveCustomer)} per customer overall, {Bytes(h.IncrementalBytesPerActiveCustomer)} per customer of growth during the run.</p>");
        }

        b.Append(SvgCharts.Histogram("Ingest acknowledgement latency", r.AckLatencyHistogram));
        b.Append(SvgCharts.Histogram("Event to nudge-on-console latency", r.NudgeLatencyHistogram));
        var t = r.Timeline;
        b.Append(SvgCharts.Timeline("Throughput and latency per second",
        [
            new("acknowledged/s", "#4e79a7", t.Select(p => (double?)p.Acknowledged).ToArray()),
            new("nudges/s", "#59a14f", t.Select(p => (double?)p.NudgesReceived).ToArray()),
            new("ack p99 ms", "#e15759", t.Select(p => p.Acknowledged > 0 ? (double?)p.AckP99Ms : null).ToArray(), RightAxis: true),
            new("nudge p99 ms", "#f28e2b", t.Select(p => p.NudgesReceived > 0 ? (double?)p.NudgeP99Ms : null).ToArray(), RightAxis: true),
        ], "events/s", "ms"));
        if (r.Host is not null)
            b.Append(SvgCharts.Timeline("Host CPU and memory",
            [
                new("cpu %", "#e15759", t.Select(p => p.CpuPercent).ToArray()),
                new("working set MiB", "#4e79a7", t.Select(p => p.WorkingSetBytes / (double?)(1 << 20)).ToArray(), RightAxis: true),
            ], "cpu %", "MiB"));
        if (r.Http is { Answers.Count: > 0 } http)
        {
            b.Append($"<h2>HTTP answers</h2><p>{Bad($"{N(http.Status500)} answers 500", http.Status500)}, {N(http.OtherServerErrors)} other 5xx, {N(http.TransportFailures)} requests without an answer.</p>");
            Table(b, "", ["call", "status", "count"], http.Answers.Select(x => new[] { E(x.Call), Bad(x.Outcome, x.Outcome == "500" ? 1 : 0), N(x.Count) }).ToArray());
        }
        if (r.Execution is { } execution) Execution(b, execution);
        if (r.Errors.Count > 0)
            Table(b, "Errors", ["message", "count"], r.Errors.Select(x => new[] { E(x.Message), N(x.Count) }).ToArray());
        return b.Append("</body></html>").ToString();
    }

    private static void Chaos(StringBuilder b, ChaosFigures c)
    {
        b.Append($"<h2>Chaos</h2><p>{c.Nodes.Count} nodes ({E(string.Join(", ", c.Nodes))}); {E(c.Schedule)}.</p>");
        Table(b, "Targets (issue 9)", ["", "target", "measured", "met"],
            c.Targets.Select(t => new[] { E(t.What), E(t.Target), E(t.Measured), t.Met ? "yes" : Bad("no", 1) }).ToArray());
        var l = c.Ledger;
        Table(b, "Event ledger (against pdg_event_journal)", ["", "count"],
        [
            ["event ids checked", N(l.Sent)], ["acknowledged (accepted or duplicate)", N(l.Acknowledged)],
            [Bad("acknowledged but not in the journal (lost)", l.AcknowledgedLost), N(l.AcknowledgedLost)],
            ["never acknowledged / of them stored anyway", $"{N(l.Unacknowledged)} / {N(l.UnacknowledgedStored)}"],
            ["rejected / of them stored", $"{N(l.Rejected)} / {N(l.RejectedStored)}"],
        ]);
        var n = c.Nudges;
        Table(b, "Nudges (expected from the journal, checked against consoles and pdg_nudges)", ["", "count"],
        [
            ["expected", N(n.Expected)], ["delivered to the owner's console", N(n.Delivered)],
            [Bad("held open in the inbox, never pushed", n.HeldOpen), N(n.HeldOpen)],
            [Bad("lost: no inbox row / closed but unseen", n.Lost), $"{N(n.LostWithoutRow)} / {N(n.LostClosedUnseen)}"],
            [Bad("pushed twice to one console: same connection / after a confirmed ack", n.Duplicated), $"{N(n.DuplicatedSameConnection)} / {N(n.DuplicatedAfterAck)}"],
            ["replayed on a new connection while still open", N(n.ReplayedWhileOpen)],
            [Bad("misrouted", n.Misrouted), N(n.Misrouted)], [Bad("wrong kind / unexpected", n.WrongKind + n.Unexpected), $"{N(n.WrongKind)} / {N(n.Unexpected)}"],
        ]);
        var s = c.Silence;
        Table(b, "Silence of connected consoles", ["", "value"],
        [
            ["nudges owed to connected consoles / not received on that connection", $"{N(s.Owed)} / {N(s.NotWhileConnected)}"],
            ["wait (creation to arrival) p50 / p99 / max", $"{Ms(s.Waits.P50Ms)} / {Ms(s.Waits.P99Ms)} / {Ms(s.Waits.MaxMs)}"],
            ["waits over 2 s / over 10 s", $"{N(s.WaitsOver2Seconds)} / {N(s.WaitsOver10Seconds)}"],
            ["longest wait", s.LongestWait is { } w ? E($"{F(w.Seconds, "0.00")} s, console {w.Console} ({w.Staff} on {w.Node}), raised at {F(w.CreatedAtSeconds, "0.0")} s{(w.Arrived ? "" : ", never arrived on that connection")}") : "n/a"],
            ["longest silence (owed, nothing arrived)", s.LongestSilence is { } g ? E($"{F(g.Seconds, "0.00")} s, console {g.Console} ({g.Staff} on {g.Node}) from {F(g.FromSeconds, "0.0")} s") : "n/a"],
        ]);
        Table(b, "Faults", ["#", "fault", "at", "down / healthy after", "surviving consoles: silence max (target), not resumed", "lost-node consoles: silence max (target), reconnect max", "HTTP failures in the window", "longest ack"],
            c.Faults.Select(f => new[]
            {
                N(f.Number), E($"{f.Kind} {f.Target}"), F(f.AtSeconds, "0.0") + " s", $"{Seconds(f.DownAfterSeconds)} / {Seconds(f.BackAfterSeconds)}{(f.Error is null ? "" : " " + E(f.Error))}",
                Bad($"{Seconds(f.Surviving.MaxSilenceSeconds)} ({Seconds(f.Surviving.TargetSeconds)}), {f.Surviving.NotResumed} of {f.Surviving.WithNudges}", f.Surviving.OverTarget ?? 0),
                f.LostNode.Consoles == 0 ? "none" : Bad($"{Seconds(f.LostNode.MaxSilenceSeconds)} ({Seconds(f.LostNode.TargetSeconds)}), {Seconds(f.LostNode.MaxReconnectSeconds)}", f.LostNode.OverTarget ?? 0),
                E(string.Join(", ", f.HttpFailures.Select(x => $"{x.Call} {x.Outcome} x{x.Count}"))), Seconds(f.MaxAckSeconds),
            }).ToArray());
    }

    private static void Noisy(StringBuilder b, NoisyFigures n)
    {
        b.Append($"<h2>Noisy neighbour</h2><p>Tenant B {E(n.QuietTenant)} sends steadily; tenant A {E(n.NoisyTenant)} floods from {F(n.FloodFromSeconds, "0.0")} s to {F(n.FloodToSeconds, "0.0")} s. " +
            $"B's ingest p99 (every event, a failed one slower than any answer) during the flood is {(n.P99Ratio is { } ratio ? F(ratio, "0.00") + "x its quiet p99" : "no answer")}: " +
            $"{(n.TargetMet is true ? "within" : Bad("not within", 1))} the {F(NoisyFigures.TargetRatio, "0")}x target.</p>");
        Table(b, "Tenant B by phase", ["phase", "events", "acknowledged", "rejected", "failed", "p99 with failures", "ack p50", "ack p99", "ack max", "nudge p99", "answers"],
            [PhaseRow("quiet", n.Quiet), PhaseRow("flood", n.Flood)]);
        var a = n.Noisy;
        b.Append($"<p>Tenant A sent {N(a.SignInsSent)} wrong sign-ins, {N(a.BadEventsSent)} bad events and {N(a.ValidEventsSent)} valid events ({N(a.ValidEventsAcknowledged)} acknowledged, p99 {Ms(a.ValidAck.P99Ms)}); {N(a.Skipped)} beats skipped.</p>");
        Table(b, "Tenant A's answers", ["call", "outcome", "count"], a.Outcomes.Select(o => new[] { E(o.Call), E(o.Outcome), N(o.Count) }).ToArray());
    }

    private static void Soak(StringBuilder b, SoakFigures s)
    {
        Table(b, "Soak: targets (issue 19)", ["", "target", "measured", "met"],
            s.Targets.Select(t => new[] { E(t.What), E(t.Target), E(t.Measured), t.Met ? "yes" : Bad("no", 1) }).ToArray());
        string Or(double? value, string format, string unit) => value is { } v ? F(v, format) + unit : "n/a";
        Table(b, "Soak", ["", "value"],
        [
            ["tenants", E(string.Join(", ", s.Tenants.Select(t => $"{t.Tenant}: {N(t.Customers)} customers, {F(t.Rate, "0.#")}/s")))],
            [Bad("worst second (event to console p99)", s.SecondsOverOneSecond),
                s.WorstSecond is { } w ? $"second {w.Second}: {Ms(w.P99Ms)} over {N(w.Nudges)} nudges" : "n/a"],
            [Bad("seconds with p99 over 1 s", s.SecondsOverOneSecond), N(s.SecondsOverOneSecond)],
            ["GC pause total / longest", $"{Or(s.GcPauseTotalMs, "0.0", " ms")} / {Or(s.GcPauseLongestMs, "0.0", " ms")}"],
            ["thread-pool queue length max / p99", $"{Or(s.ThreadPoolQueueMax, "0", "")} / {Or(s.ThreadPoolQueueP99, "0", "")}"],
            ["lock contentions", Or(s.LockContentionsPerSecond, "0.0", "/s")],
            ["host CPU per 1,000 durable events", Or(s.HostCoreMsPer1000Events, "0.0", " core-ms")],
            ["host allocation per durable event", Or(s.HostAllocatedBytesPerEvent, "0", " bytes")],
            ["PostgreSQL CPU per 1,000 durable events", s.PostgresCoreMsPer1000Events is { } pg ? F(pg, "0.0") + " core-ms" : E(s.PostgresNote ?? "n/a")],
            ["load tool CPU per 1,000 durable events", Or(s.LoadToolCoreMsPer1000Events, "0.0", " core-ms")],
            ["durable events / CPU window", $"{N(s.DurableEvents)} / {F(s.CpuWindowSeconds, "0.0")} s"],
        ]);
        var length = s.NudgeP99BySecond.Count == 0 ? 0 : s.NudgeP99BySecond.Max(x => x.Second) + 1;
        var p99 = new double?[length];
        foreach (var x in s.NudgeP99BySecond) p99[x.Second] = x.P99Ms;
        b.Append(SvgCharts.Timeline("Event to console p99 per second",
        [
            new("p99 ms", "#f28e2b", p99),
            new("1 s", "#e15759", Enumerable.Repeat<double?>(SoakFigures.SecondP99LimitMs, length).ToArray()),
        ], "ms", ""));
    }

    private static string[] PhaseRow(string name, PhaseFigures p) =>
    [
        name, N(p.Events), N(p.Acknowledged), N(p.Rejected), Bad(N(p.Failed), p.Failed),
        p.P99WithFailuresMs is { } ms ? Ms(ms) : Bad("no answer", 1), Ms(p.Ack.P50Ms), Ms(p.Ack.P99Ms), Ms(p.Ack.MaxMs), Ms(p.Nudge.P99Ms),
        E(string.Join(", ", p.Answers.Select(x => $"{x.Outcome} x{x.Count}"))),
    ];

    private static void Execution(StringBuilder b, ExecutionFigures x)
    {
        var title = $"Execution per staff member: nudges raised {x.From:yyyy-MM-dd} to {x.To:yyyy-MM-dd}";
        if (x.Error is not null)
        {
            b.Append($"<h2>{E(title)}</h2><p>{Bad("Not read", 1)}: {E(x.Error)}</p>");
            return;
        }
        string[] Row(string name, StaffExecution s) =>
        [
            E(name), N(s.Raised), N(s.Done), TextReportWriter.Percent(s.DoneRate), E(TextReportWriter.Duration(s.MedianSecondsToAct)),
            N(s.NotUseful), N(s.Expired), N(s.Open), N(s.Replies), N(s.Orders),
        ];
        Table(b, title, ["staff", "raised", "done", "done %", "median time to act", "not useful", "expired", "open", "replies", "orders"],
            [.. x.Staff.Select(s => Row(s.StaffId == "" ? "(unassigned)" : s.StaffId, s)), .. x.Total is { } t ? [Row("total", t)] : Array.Empty<string[]>()]);
    }

    private static string[] LatencyRow(string name, LatencySummary l) =>
        [name, N(l.Count), Ms(l.P50Ms), Ms(l.P95Ms), Ms(l.P99Ms), Ms(l.P999Ms), Ms(l.MaxMs)];

    /// <summary>Cells are already HTML: callers encode free text with <see cref="E"/>.</summary>
    private static void Table(StringBuilder b, string title, string[] header, string[][] rows)
    {
        if (title.Length > 0) b.Append($"<h2>{E(title)}</h2>");
        b.Append("<table><tr>");
        foreach (var h in header) b.Append($"<th>{E(h)}</th>");
        b.Append("</tr>");
        foreach (var row in rows)
        {
            b.Append("<tr>");
            foreach (var cell in row) b.Append($"<td>{cell}</td>");
            b.Append("</tr>");
        }
        b.Append("</table>");
    }

    private static string Bad(string label, long count) => count > 0 ? $"<span class=\"bad\">{E(label)}</span>" : E(label);

    private static string Ms(double ms) => F(ms, "0.00") + " ms";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
