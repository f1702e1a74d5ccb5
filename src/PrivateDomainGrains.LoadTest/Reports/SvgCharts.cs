using System.Net;
using System.Text;
using PrivateDomainGrains.LoadTest.Accounting;
using static PrivateDomainGrains.LoadTest.Reports.Units;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>Draws the report's charts as inline SVG, so the HTML page needs no script and no network.</summary>
public static class SvgCharts
{
    private const int Width = 760, Height = 280, Left = 64, Right = 64, Top = 30, Bottom = 44;
    private const int PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

    public static string Histogram(string title, IReadOnlyList<LatencyBucket> buckets)
    {
        var svg = Open(title);
        if (buckets.Count == 0) return Empty(svg);
        var max = Math.Max(1, buckets.Max(b => b.Count));
        var slot = PlotWidth / (double)buckets.Count;
        YAxis(svg, max, left: true, "events");
        for (var i = 0; i < buckets.Count; i++)
        {
            var h = buckets[i].Count / (double)max * PlotHeight;
            var x = Left + i * slot;
            svg.Append($"<rect x=\"{F(x + 1, "0.#")}\" y=\"{F(Top + PlotHeight - h, "0.#")}\" width=\"{F(Math.Max(1, slot - 2), "0.#")}\" height=\"{F(h, "0.#")}\" fill=\"#4e79a7\"><title>&lt;= {Ms(buckets[i].UpperMs)}: {N(buckets[i].Count)}</title></rect>");
            if (buckets.Count <= 16 || i % 2 == 0)
                Text(svg, x + slot / 2, Top + PlotHeight + 14, Ms(buckets[i].UpperMs), "middle", 10);
        }
        Text(svg, Left + PlotWidth / 2.0, Height - 6, "latency (upper bound of bucket, doubling)", "middle", 11);
        return Close(svg);
    }

    public static string Timeline(string title, IReadOnlyList<ChartSeries> series, string leftLabel, string rightLabel)
    {
        var svg = Open(title);
        var points = series.Count == 0 ? 0 : series.Max(s => s.Values.Count);
        if (points == 0 || series.All(s => s.Values.All(v => v is null))) return Empty(svg);
        var leftMax = Max(series.Where(s => !s.RightAxis));
        var rightMax = Max(series.Where(s => s.RightAxis));
        YAxis(svg, leftMax, left: true, leftLabel);
        if (series.Any(s => s.RightAxis)) YAxis(svg, rightMax, left: false, rightLabel);
        var step = points > 1 ? PlotWidth / (double)(points - 1) : 0;
        for (var t = 0; t < points; t += Math.Max(1, points / 10))
            Text(svg, Left + t * step, Top + PlotHeight + 14, $"{t}s", "middle", 10);
        foreach (var s in series)
        {
            var max = s.RightAxis ? rightMax : leftMax;
            var path = new StringBuilder();
            var pen = 'M';
            for (var i = 0; i < s.Values.Count; i++)
            {
                if (s.Values[i] is not { } v) { pen = 'M'; continue; }
                path.Append($"{pen}{F(Left + i * step, "0.#")},{F(Top + PlotHeight - v / max * PlotHeight, "0.#")} ");
                pen = 'L';
            }
            svg.Append($"<path d=\"{path}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"1.5\"/>");
        }
        for (var i = 0; i < series.Count; i++)
        {
            var x = Left + i * 170;
            svg.Append($"<rect x=\"{x}\" y=\"{Height - 14}\" width=\"12\" height=\"3\" fill=\"{series[i].Color}\"/>");
            Text(svg, x + 16, Height - 10, series[i].Name + (series[i].RightAxis ? " (right)" : ""), "start", 10);
        }
        return Close(svg);
    }

    private static double Max(IEnumerable<ChartSeries> series)
    {
        var values = series.SelectMany(s => s.Values).OfType<double>().ToArray();
        return values.Length == 0 || values.Max() <= 0 ? 1 : values.Max() * 1.05;
    }

    private static void YAxis(StringBuilder svg, double max, bool left, string label)
    {
        var x = left ? Left : Left + PlotWidth;
        svg.Append($"<line x1=\"{x}\" y1=\"{Top}\" x2=\"{x}\" y2=\"{Top + PlotHeight}\" stroke=\"#888\"/>");
        if (left) svg.Append($"<line x1=\"{Left}\" y1=\"{Top + PlotHeight}\" x2=\"{Left + PlotWidth}\" y2=\"{Top + PlotHeight}\" stroke=\"#888\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var y = Top + PlotHeight - i * PlotHeight / 4.0;
            if (left) svg.Append($"<line x1=\"{Left}\" y1=\"{F(y, "0.#")}\" x2=\"{Left + PlotWidth}\" y2=\"{F(y, "0.#")}\" stroke=\"#eee\"/>");
            Text(svg, left ? x - 4 : x + 4, y + 3, Compact(max * i / 4), left ? "end" : "start", 10);
        }
        Text(svg, left ? x - 4 : x + 4, Top - 8, label, left ? "end" : "start", 10);
    }

    private static StringBuilder Open(string title)
    {
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\">");
        Text(svg, Width / 2.0, 16, title, "middle", 13);
        return svg;
    }

    private static string Empty(StringBuilder svg)
    {
        Text(svg, Width / 2.0, Height / 2.0, "no data", "middle", 12);
        return Close(svg);
    }

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Text(StringBuilder svg, double x, double y, string text, string anchor, int size) =>
        svg.Append($"<text x=\"{F(x, "0.#")}\" y=\"{F(y, "0.#")}\" text-anchor=\"{anchor}\" font-size=\"{size}\">{WebUtility.HtmlEncode(text)}</text>");

    private static string Ms(double ms) => ms >= 1000 ? F(ms / 1000, "0.##") + "s" : F(ms, "0.##") + "ms";

    private static string Compact(double v) => v switch
    {
        >= 1e9 => F(v / 1e9, "0.#") + "G",
        >= 1e6 => F(v / 1e6, "0.#") + "M",
        >= 1e3 => F(v / 1e3, "0.#") + "k",
        _ => F(v, v < 10 ? "0.##" : "0"),
    };
}
