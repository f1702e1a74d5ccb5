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
        if (r.Errors.Count > 0)
            Table(b, "Errors", ["message", "count"], r.Errors.Select(x => new[] { E(x.Message), N(x.Count) }).ToArray());
        return b.Append("</body></html>").ToString();
    }

    private static string[] LatencyRow(string name, LatencySummary l) =>
        [name, N(l.Count), Ms(l.P50Ms), Ms(l.P95Ms), Ms(l.P99Ms), Ms(l.P999Ms), Ms(l.MaxMs)];

    /// <summary>Cells are already HTML: callers encode free text with <see cref="E"/>.</summary>
    private static void Table(StringBuilder b, string title, string[] header, string[][] rows)
    {
        b.Append($"<h2>{E(title)}</h2><table><tr>");
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
