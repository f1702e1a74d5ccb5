namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>A line on a timeline chart; null values leave a gap. Right-axis series share their own scale.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double?> Values, bool RightAxis = false);
