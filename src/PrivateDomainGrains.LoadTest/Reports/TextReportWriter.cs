using System.Text;
using PrivateDomainGrains.LoadTest.Accounting;
using static PrivateDomainGrains.LoadTest.Reports.Units;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>The end-of-run summary for the terminal (and summary.txt).</summary>
public static class TextReportWriter
{
    public static string Write(RunReport r)
    {
        var s = r.Settings;
        var b = new StringBuilder();
        b.AppendLine($"== load test: {s.Preset}, tenant {s.Tenant}, {N(s.Customers)} customers, {s.Staff} staff, {s.Consoles} consoles, seed {s.Seed}");
        b.AppendLine($"   {F(s.Rate, "0.#")} events/s offered for {F(s.DurationSeconds, "0.#")} s after {F(s.WarmupSeconds, "0.#")} s warm-up, batches of {s.BatchSize}, targets {string.Join(", ", s.Targets)}");
        if (r.Provisioning is { } p)
            b.AppendLine($"provisioning  {N(p.CustomersWithOwner)} customers with owner, {N(p.CustomersFailed)} failed, {F(p.Seconds, "0.0")} s");
        var e = r.Events;
        b.AppendLine($"events        offered {N(e.Offered)}  acknowledged {N(e.Acknowledged)} (accepted {N(e.Accepted)}, duplicate {N(e.Duplicates)}, ambiguous {N(e.Ambiguous)})  rejected {N(e.Rejected)}  failed {N(e.Failed)}  (+{N(e.WarmupOffered)} warm-up)");
        b.AppendLine($"throughput    offered {F(r.Throughput.OfferedPerSecond, "0.0")}/s  sustained acknowledged {F(r.Throughput.SustainedAcknowledgedPerSecond, "0.0")}/s");
        b.AppendLine($"ack latency   {Latency(r.AckLatency)}");
        var n = r.Nudges;
        b.AppendLine($"nudges        expected {N(n.Expected)}  received {N(n.Received)}  lost {N(n.Lost)}  duplicated {N(n.Duplicates)}  replayed while open {N(n.ReplayedWhileOpen)}  misrouted {N(n.Misrouted)}  wrong kind {N(n.WrongKind)}  unexpected {N(n.Unexpected)}");
        b.AppendLine($"              {N(n.ExtraCopies)} copies on owners' other consoles, {N(n.OutsideMeasurement)} outside the measurement, {N(n.Unobserved)} unobserved (owner without console), {N(n.Reordered)} reordered (may rightly be absent), {N(n.AcksSent)} acks sent, {N(n.AckFailures)} failed, {N(n.Reconnects)} reconnects");
        b.AppendLine($"nudge latency {Latency(r.NudgeLatency)}  (event scheduled -> first arrival on the owner's console)");
        if (n.LostSample.Count > 0) b.AppendLine($"lost e.g.     {string.Join(" ", n.LostSample)}");
        if (r.Timers is { } t)
        {
            b.AppendLine($"timers        due {t.FirstDue:u} over {F(t.WindowSeconds, "0.#")} s, rule delay {F(t.RuleDelayMinutes, "0")} min: expected {N(t.Expected)}  fired {N(t.Received)}  lost {N(t.Lost)}  duplicated {N(t.Duplicates)}  misrouted {N(t.Misrouted)}  unexpected {N(t.Unexpected)}  early {N(t.Early)}  unobserved {N(t.Unobserved)}");
            b.AppendLine($"timer lag     {Latency(t.Lag)}  (due time -> first arrival on the owner's console)");
            b.AppendLine($"              {F(t.FiredWithinTargetFraction * 100, "0.###")}% within 60 s; drained {(t.DrainSeconds is { } d ? F(d, "0.0") + " s" : "n/a")} after the first due time");
            if (t.ProvisioningOverranSeconds > 0)
                b.AppendLine($"              provisioning ended {F(t.ProvisioningOverranSeconds, "0.0")} s after the first due time: raise --due-after");
            if (t.LostSample.Count > 0) b.AppendLine($"timers lost   e.g. {string.Join(" ", t.LostSample)}");
        }
        if (r.Handover is { } ho)
        {
            b.AppendLine($"handover      {ho.From} -> {ho.To} at {F(ho.RequestedAtSeconds, "0.0")} s: {ho.State}, {N(ho.Moved)}/{N(ho.Total)} customers moved, {N(ho.Failed)} failed in {Seconds(ho.Seconds)} ({Seconds(ho.ServerSeconds)} on the server) = {(ho.MovedPerSecond is { } rate ? F(rate, "0.0") : "n/a")} customers/s");
            if (ho.NudgesAfter is { } after)
                b.AppendLine($"              moved customers' nudges after it: expected {N(after.Expected)}  at the new owner {N(after.Received)}  lost {N(after.Lost)}  misrouted {N(after.Misrouted)}");
            if (ho.Error is not null) b.AppendLine($"              {ho.Error}");
        }
        if (r.Chaos is { } chaos) Chaos(b, chaos);
        if (r.Noisy is { } noisy) Noisy(b, noisy);
        if (r.Soak is { } soak) Soak(b, soak, r.Settings);
        if (r.Activation is { } a)
            b.AppendLine($"activation    {N(a.Acknowledged)}/{N(a.Customers)} customers in {F(a.Seconds, "0.0")} s = {F(a.PerSecond, "0")}/s");
        if (r.Host is { } h)
        {
            foreach (var node in h.Nodes)
                b.AppendLine($"host {node.Node,-8} cpu avg {F(node.CpuAveragePercent, "0")}% max {F(node.CpuMaxPercent, "0")}%  working set max {Bytes(node.WorkingSetMaxBytes)}  managed heap max {Bytes(node.ManagedHeapMaxBytes)}  customer grains {N(node.ActiveCustomerGrainsLast)}");
            b.AppendLine($"memory        {N(h.ActiveCustomerGrains)} active customer grains, {Bytes(h.WorkingSetBytes)} working set = {Bytes(h.BytesPerActiveCustomer)}/customer overall, {Bytes(h.IncrementalBytesPerActiveCustomer)}/customer of growth during the run");
        }
        else
        {
            b.AppendLine("host          no stats samples (needs --operator-key and GET /api/v1/system/stats)");
        }
        if (r.Execution is { } execution) Execution(b, execution);
        if (r.Http is { Answers.Count: > 0 } http)
        {
            b.AppendLine($"http          {N(http.Status500)} answers 500, {N(http.OtherServerErrors)} other 5xx, {N(http.TransportFailures)} without an answer; by call: {Statuses(http.Answers)}");
        }
        foreach (var error in r.Errors) b.AppendLine($"error x{N(error.Count)}  {error.Message}");
        return b.ToString();
    }

    private static void Chaos(StringBuilder b, ChaosFigures c)
    {
        b.AppendLine($"chaos         {c.Nodes.Count} nodes ({string.Join(", ", c.Nodes)}); {c.Schedule}");
        foreach (var t in c.Targets)
            b.AppendLine($"  target {(t.Met ? "met    " : "NOT MET")} {t.What}: {t.Measured} (target {t.Target})");
        var l = c.Ledger;
        b.AppendLine($"ledger        {N(l.Sent)} event ids checked against pdg_event_journal: {N(l.Acknowledged)} acknowledged, {N(l.AcknowledgedLost)} of them missing (lost); " +
            $"{N(l.Unacknowledged)} never acknowledged ({N(l.UnacknowledgedStored)} stored anyway); {N(l.Rejected)} rejected ({N(l.RejectedStored)} stored)");
        if (l.LostSample.Count > 0) b.AppendLine($"  lost events e.g. {string.Join(" ", l.LostSample)}");
        var n = c.Nudges;
        b.AppendLine($"nudges        expected {N(n.Expected)} (events in the journal)  delivered {N(n.Delivered)}  held open, not pushed {N(n.HeldOpen)}  " +
            $"lost {N(n.Lost)} ({N(n.LostWithoutRow)} no inbox row, {N(n.LostClosedUnseen)} closed unseen)");
        b.AppendLine($"              pushed twice to one console {N(n.Duplicated)} ({N(n.DuplicatedSameConnection)} same connection, {N(n.DuplicatedAfterAck)} after a confirmed ack)  " +
            $"replayed while open {N(n.ReplayedWhileOpen)}  misrouted {N(n.Misrouted)}  wrong kind {N(n.WrongKind)}  unexpected {N(n.Unexpected)}");
        if (n.LostSample.Count > 0) b.AppendLine($"  lost e.g. {string.Join(" ", n.LostSample)}");
        if (n.HeldSample.Count > 0) b.AppendLine($"  held e.g. {string.Join(" ", n.HeldSample)}");
        foreach (var d in n.DuplicateSample)
            b.AppendLine($"  twice      {d.NudgeId} on console {d.Console}: connection {d.FirstConnection} at {F(d.FirstAtSeconds, "0.000")} s, connection {d.AgainConnection} at {F(d.AgainAtSeconds, "0.000")} s");
        var s = c.Silence;
        b.AppendLine($"silence       {N(s.Owed)} nudges owed to connected consoles, {N(s.NotWhileConnected)} not received on that connection; wait {Latency(s.Waits)}; " +
            $"{N(s.WaitsOver2Seconds)} over 2 s, {N(s.WaitsOver10Seconds)} over 10 s");
        if (s.LongestWait is { } w)
            b.AppendLine($"  longest wait   {F(w.Seconds, "0.00")} s: console {w.Console} ({w.Staff} on {w.Node}), nudge {w.NudgeId} raised at {F(w.CreatedAtSeconds, "0.0")} s{(w.Arrived ? "" : ", never arrived on that connection")}");
        if (s.LongestSilence is { } g)
            b.AppendLine($"  longest silence {F(g.Seconds, "0.00")} s: console {g.Console} ({g.Staff} on {g.Node}) owed a nudge and got nothing from {F(g.FromSeconds, "0.0")} s");
        foreach (var f in c.Faults)
        {
            b.AppendLine($"fault {f.Number,-2}      {f.Kind} {f.Target} at {F(f.AtSeconds, "0.0")} s: down after {Seconds(f.DownAfterSeconds)}, healthy again after {Seconds(f.BackAfterSeconds)}{(f.Error is null ? "" : $", {f.Error}")}");
            b.AppendLine($"  surviving   {Group(f.Surviving)}");
            if (f.LostNode.Consoles > 0) b.AppendLine($"  lost node   {Group(f.LostNode)}");
            if (f.ConsolesDisconnected > 0) b.AppendLine($"  {f.ConsolesDisconnected} consoles were not connected at the fault");
            b.AppendLine($"  http        {(f.HttpFailures.Count == 0 ? "no failed requests" : $"{Statuses(f.HttpFailures)} from +{F(f.FirstFailureAfterSeconds ?? 0, "0.0")} s to +{F(f.LastFailureAfterSeconds ?? 0, "0.0")} s")}; " +
                $"{N(f.EventsDue)} events due in the window, {N(f.EventsUnacknowledged)} never acknowledged, longest to acknowledge {Seconds(f.MaxAckSeconds)}");
        }
    }

    private static string Group(GroupFigures g) =>
        $"{g.Consoles} consoles, {g.WithNudges} with nudges: silence max {Seconds(g.MaxSilenceSeconds)}, median {Seconds(g.MedianSilenceSeconds)}, " +
        $"{g.NotResumed} not resumed{(g.OverTarget is { } over ? $", {over} over the {F(g.TargetSeconds ?? 0, "0")} s target" : "")}; " +
        $"{g.Dropped} dropped, {g.NotReconnected} not back, reconnect max {Seconds(g.MaxReconnectSeconds)}";

    private static void Noisy(StringBuilder b, NoisyFigures n)
    {
        b.AppendLine($"noisy         tenant B {n.QuietTenant} steady; tenant A {n.NoisyTenant} floods from {F(n.FloodFromSeconds, "0.0")} s to {F(n.FloodToSeconds, "0.0")} s");
        b.AppendLine($"  B quiet     {Phase(n.Quiet)}");
        b.AppendLine($"  B flood     {Phase(n.Flood)}");
        b.AppendLine($"  target {(n.TargetMet is true ? "met    " : "NOT MET")} B's ingest p99 during the flood within {F(NoisyFigures.TargetRatio, "0")}x of quiet: " +
            $"{(n.P99Ratio is { } ratio ? F(ratio, "0.00") + "x" : "n/a")} (p99 over every event, a failed one slower than any answer: quiet {P99(n.Quiet)}, flood {P99(n.Flood)})");
        var a = n.Noisy;
        b.AppendLine($"  A sent      {N(a.SignInsSent)} wrong sign-ins, {N(a.BadEventsSent)} bad events, {N(a.ValidEventsSent)} valid events ({N(a.ValidEventsAcknowledged)} acknowledged, ack {Latency(a.ValidAck)}); {N(a.Skipped)} beats skipped");
        foreach (var o in a.Outcomes) b.AppendLine($"  A answers   {o.Call}: {o.Outcome} x{N(o.Count)}");
    }

    private static void Soak(StringBuilder b, SoakFigures s, RunSettings settings)
    {
        b.AppendLine($"soak          {s.Tenants.Count} tenants, each with {settings.Staff} staff and {settings.Consoles} consoles: {string.Join(", ", s.Tenants.Select(t => $"{t.Tenant} {N(t.Customers)} customers {F(t.Rate, "0.#")}/s"))}");
        var worst = s.WorstSecond is { } w ? $"second {w.Second}: p99 {F(w.P99Ms, "0.0")} ms over {N(w.Nudges)} nudges" : "none (no nudge arrived)";
        b.AppendLine($"  per second  event -> console p99: worst {worst}; {s.SecondsOverOneSecond} seconds over 1 s");
        if (s.NudgeP99BySecond.Count > 0)
            b.AppendLine($"  p99 by 10 s worst second of each ten, ms: {string.Join(" ", s.NudgeP99BySecond.GroupBy(x => x.Second / 10).Select(g => F(g.Max(x => x.P99Ms), "0")))}");
        b.AppendLine($"  gc          pauses {Ms(s.GcPauseTotalMs)} in total, the longest {Ms(s.GcPauseLongestMs)}");
        b.AppendLine($"  thread pool queue length max {Count(s.ThreadPoolQueueMax)}, p99 {Count(s.ThreadPoolQueueP99)} (read once a second); " +
            $"lock contentions {(s.LockContentionsPerSecond is { } c ? F(c, "0.0") : "n/a")}/s");
        b.AppendLine($"  cpu         per 1,000 durable events: host {CoreMs(s.HostCoreMsPer1000Events)}, PostgreSQL {(s.PostgresCoreMsPer1000Events is { } pg ? CoreMs(pg) : s.PostgresNote ?? "n/a")}, " +
            $"load tool {CoreMs(s.LoadToolCoreMsPer1000Events)} ({N(s.DurableEvents)} durable events in {F(s.CpuWindowSeconds, "0.0")} s; " +
            $"host {Seconds(s.HostCpuSeconds)}, PostgreSQL {Seconds(s.PostgresCpuSeconds)}, load tool {Seconds(s.LoadToolCpuSeconds)} of CPU)");
        b.AppendLine($"  allocated   host {(s.HostAllocatedBytesPerEvent is { } a ? F(a, "0") + " bytes" : "n/a")} per durable event");
        foreach (var t in s.Targets)
            b.AppendLine($"  target {(t.Met ? "met    " : "NOT MET")} {t.What} {t.Target}: {t.Measured}");
    }

    /// <summary>At most this many staff rows in the text; the JSON and HTML reports have them all.</summary>
    private const int ExecutionRows = 20;

    private static void Execution(StringBuilder b, ExecutionFigures x)
    {
        var period = $"nudges raised {x.From:yyyy-MM-dd} to {x.To:yyyy-MM-dd} (GET reports/execution?groupBy=staff)";
        if (x.Error is not null)
        {
            b.AppendLine($"execution     {period}: not read, {x.Error}");
            return;
        }
        b.AppendLine($"execution     per staff member, {period}");
        b.AppendLine($"  {"staff",-14} {"raised",9} {"done",9} {"done %",7} {"median to act",14} {"not useful",10} {"expired",9} {"open",9} {"replies",9} {"orders",9}");
        var shown = x.Staff.OrderByDescending(s => s.Raised).ThenBy(s => s.StaffId, StringComparer.Ordinal).Take(ExecutionRows)
            .OrderBy(s => s.StaffId, StringComparer.Ordinal);
        foreach (var s in shown) b.AppendLine("  " + ExecutionRow(s.StaffId == "" ? "(unassigned)" : s.StaffId, s));
        if (x.Staff.Count > ExecutionRows) b.AppendLine($"  ... {x.Staff.Count - ExecutionRows} more staff (the {ExecutionRows} with most raised shown; all in report.json and report.html)");
        if (x.Total is { } total) b.AppendLine("  " + ExecutionRow("total", total));
    }

    private static string ExecutionRow(string name, StaffExecution s) =>
        $"{name,-14} {N(s.Raised),9} {N(s.Done),9} {Percent(s.DoneRate),7} {Duration(s.MedianSecondsToAct),14} {N(s.NotUseful),10} {N(s.Expired),9} {N(s.Open),9} {N(s.Replies),9} {N(s.Orders),9}";

    /// <summary>A share 0-1 as a percentage with one decimal; "n/a" when there is none.</summary>
    internal static string Percent(double? share) => share is { } v ? F(v * 100, "0.0") + "%" : "n/a";

    /// <summary>Seconds as "42 s", "12.5 min" or "3.2 h"; "n/a" when there are none.</summary>
    internal static string Duration(double? seconds) => seconds switch
    {
        null => "n/a",
        < 60 => F(seconds.Value, "0") + " s",
        < 3600 => F(seconds.Value / 60, "0.0") + " min",
        _ => F(seconds.Value / 3600, "0.0") + " h",
    };

    private static string Ms(double? ms) => ms is { } v ? F(v, "0.0") + " ms" : "n/a (not exported)";

    private static string Count(double? value) => value is { } v ? F(v, "0") : "n/a";

    private static string CoreMs(double? value) => value is { } v ? F(v, "0.0") + " core-ms" : "n/a";

    private static string P99(PhaseFigures p) => p.P99WithFailuresMs is { } ms ? F(ms, "0.0") + " ms" : "no answer (over 1% failed)";

    private static string Phase(PhaseFigures p) =>
        $"{F(p.Seconds, "0")} s, {N(p.Events)} events, {N(p.Acknowledged)} acknowledged, {N(p.Rejected)} rejected, {N(p.Failed)} failed; ack of the acknowledged {Latency(p.Ack)}; " +
        $"nudge p99 {F(p.Nudge.P99Ms, "0.0")} ms; answers {Statuses(p.Answers)}";

    private static string Statuses(IEnumerable<StatusCount> counts) =>
        string.Join(", ", counts.Select(c => $"{c.Call} {c.Outcome} x{N(c.Count)}"));

    private static string Latency(LatencySummary l) => l.Count == 0
        ? "no samples"
        : $"p50 {F(l.P50Ms, "0.00")}  p95 {F(l.P95Ms, "0.00")}  p99 {F(l.P99Ms, "0.00")}  max {F(l.MaxMs, "0.00")} ms  (n={N(l.Count)})";
}
