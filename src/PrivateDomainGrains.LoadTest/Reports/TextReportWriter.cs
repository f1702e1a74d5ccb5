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
        b.AppendLine($"nudges        expected {N(n.Expected)}  received {N(n.Received)}  lost {N(n.Lost)}  duplicated {N(n.Duplicates)}  misrouted {N(n.Misrouted)}  wrong kind {N(n.WrongKind)}  unexpected {N(n.Unexpected)}");
        b.AppendLine($"              {N(n.ExtraCopies)} copies on owners' other consoles, {N(n.OutsideMeasurement)} outside the measurement, {N(n.Unobserved)} unobserved (owner without console), {N(n.AcksSent)} acks sent, {N(n.AckFailures)} failed, {N(n.Reconnects)} reconnects");
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
        foreach (var error in r.Errors) b.AppendLine($"error x{N(error.Count)}  {error.Message}");
        return b.ToString();
    }

    private static string Latency(LatencySummary l) => l.Count == 0
        ? "no samples"
        : $"p50 {F(l.P50Ms, "0.00")}  p95 {F(l.P95Ms, "0.00")}  p99 {F(l.P99Ms, "0.00")}  max {F(l.MaxMs, "0.00")} ms  (n={N(l.Count)})";
}
