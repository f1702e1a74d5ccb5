using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// The simulation as one self-contained HTML page: the headline table (median and range across seeds) and ECharts line
/// charts of the weekly curves (median line, min-max band), with the chart library and the data inlined.
/// </summary>
public static class HtmlReport
{
    private static readonly (string Key, string Title, string Unit)[] Charts =
    [
        ("conversionRate", "Expected conversions per proactive nudge (4-week rolling)", "%"),
        ("regretRevenuePerCustomer", "Cumulative regret against the oracle: expected order value per customer", "CNY"),
        ("regretConversionsPer1000", "Cumulative regret against the oracle: expected conversions per 1,000 customers", ""),
        ("lostFriendsPer1000", "Friends lost (deleted) per 1,000 customers, cumulative", ""),
        ("revenuePerCustomer", "Revenue of orders the nudges caused, per customer, cumulative", "CNY"),
        ("nudgesPerCustomer", "Proactive nudges raised per customer, cumulative", ""),
        ("outcomes", "Learning signals the decisions produced, cumulative (only the engine policy records them into a model)", ""),
        ("realizedConversionRate", "Realized conversions per proactive nudge (4-week rolling)", "%"),
    ];

    /// <param name="library">The text of <c>echarts.min.js</c>, inlined.</param>
    public static string Render(SimulationSummary summary, string library, TimeSpan wall)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Decisions, proven: simulation report</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
            table{border-collapse:collapse;font-size:13px;margin:12px 0}
            th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}
            .chart{width:100%;height:360px;margin:16px 0}
            .note{color:#555;font-size:13px}
            </style>
            """);
        html.Append("<script>").Append(library.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script></head><body>");
        var s = summary.Settings;
        html.Append(CultureInfo.InvariantCulture, $"""
            <h1>Decisions, proven</h1>
            <p class="note">{s.Customers:N0} customers, {s.Weeks} weeks, seeds {string.Join(", ", summary.Seeds)}; attribution window
            {Encode(s.AttributionWindow)}, exploration {(s.Thompson ? "Thompson sampling" : "posterior means")}, learning delay
            {s.LearningDelay.TotalSeconds:F0} s. Wall time {wall.TotalSeconds:F0} s. Figures are the median over seeds, (min-max) after it.</p>
            <table><tr><th>policy</th><th>conversions / nudge</th><th>expected conversions / nudge</th><th>revenue / customer (CNY)</th>
            <th>lost friends / 1,000</th><th>expected lost friends / 1,000 (from flooding)</th><th>regret CNY / customer</th><th>nudges / customer</th><th>acted on</th><th>cap violations</th><th>quiet-hour violations</th><th>within 10% of oracle from week</th></tr>
            """);
        foreach (var (name, p) in summary.Policies)
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr><td>{name}</td><td>{Pct(p.ConversionsPerNudge)}</td><td>{Pct(p.ExpectedConversionsPerNudge)}</td><td>{p.RevenuePerCustomer.Format("F2")}</td>
                <td>{p.LostFriendsPer1000.Format("F1")}</td><td>{p.ExpectedLostFriendsPer1000.Format("F1")} ({p.ExpectedLostFromFloodPer1000.Format("F1")})</td><td>{p.RegretRevenuePerCustomer?.Format("F2") ?? "-"}</td><td>{p.NudgesPerCustomer.Format("F1")}</td>
                <td>{Pct(p.DeliveredShare)}</td><td>{p.CapViolations}</td><td>{p.QuietHourViolations}</td>
                <td>{(p.RegretRevenuePerCustomer is null ? "-" : string.Join(", ", p.WeekWithin10Percent.Select(w => w?.ToString(CultureInfo.InvariantCulture) ?? "never")))}</td></tr>
                """);
        html.Append("</table>");
        foreach (var (name, m) in summary.EngineMargins)
            html.Append(CultureInfo.InvariantCulture,
                $"<p class=\"note\">{name}, paired by seed: conversions per nudge {Points(m.ConversionsPerNudge)} points, expected {Points(m.ExpectedConversionsPerNudge)}; revenue per customer {m.RevenuePerCustomer.Format("F2")} CNY; lost friends per 1,000 {m.LostFriendsPer1000.Format("F1")}, expected {m.ExpectedLostFriendsPer1000.Format("F1")}.</p>");
        for (var i = 0; i < Charts.Length; i++)
            if (summary.Curves.TryGetValue(Charts[i].Key, out var curve) && curve.Count > 0)
                html.Append(CultureInfo.InvariantCulture, $"<h3>{Encode(Charts[i].Title)}</h3><div class=\"chart\" id=\"chart{i}\"></div>");

        var data = new Dictionary<string, object>
        {
            ["weeks"] = Enumerable.Range(1, s.Weeks).ToArray(),
            ["charts"] = Charts.Select((c, i) => new { id = "chart" + i, c.Key, c.Unit }).ToArray(),
            ["curves"] = summary.Curves,
        };
        html.Append("<script>const report = ").Append(JsonSerializer.Serialize(data, SimulationCommand.Json).Replace("</", "<\\/", StringComparison.Ordinal)).Append(";\n");
        html.Append("""
            const colors = {engine: '#d9480f', fixed: '#1c7ed6', random: '#868e96', oracle: '#2b8a3e'};
            for (const chart of report.charts) {
              const el = document.getElementById(chart.id);
              const curves = report.curves[chart.key];
              if (!el || !curves) continue;
              const scale = chart.unit === '%' ? 100 : 1;
              const series = [];
              for (const [policy, c] of Object.entries(curves)) {
                const color = colors[policy] || '#000';
                series.push({name: policy + ' min', type: 'line', stack: policy, stackStrategy: 'all', data: c.min.map(v => v * scale), symbol: 'none',
                  lineStyle: {opacity: 0}, tooltip: {show: false}, silent: true});
                series.push({name: policy + ' range', type: 'line', stack: policy, stackStrategy: 'all', data: c.max.map((v, i) => (v - c.min[i]) * scale), symbol: 'none',
                  lineStyle: {opacity: 0}, areaStyle: {color, opacity: 0.15}, tooltip: {show: false}, silent: true});
                series.push({name: policy, type: 'line', data: c.median.map(v => v * scale), symbol: 'none', lineStyle: {color, width: 2}, itemStyle: {color}});
              }
              echarts.init(el).setOption({
                animation: false,
                tooltip: {trigger: 'axis', valueFormatter: v => v == null ? '' : v.toFixed(3) + (chart.unit ? ' ' + chart.unit : '')},
                legend: {top: 0, data: Object.keys(curves)},
                grid: {left: 60, right: 40, top: 50, bottom: 30},
                xAxis: {type: 'category', name: 'week', data: report.weeks},
                yAxis: {type: 'value', name: chart.unit, scale: true},
                series,
              });
            }
            </script></body></html>
            """);
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Pct(Spread s) => string.Create(CultureInfo.InvariantCulture, $"{s.Median * 100:F2}% ({s.Min * 100:F2}-{s.Max * 100:F2})");

    private static string Points(Spread s) => $"{Signed(s.Median)} ({Signed(s.Min)} to {Signed(s.Max)})";

    /// <summary>A rate as signed percentage points, 2 decimals.</summary>
    internal static string Signed(double rate) => (rate >= 0 ? "+" : "") + (rate * 100).ToString("F2", CultureInfo.InvariantCulture);
}
