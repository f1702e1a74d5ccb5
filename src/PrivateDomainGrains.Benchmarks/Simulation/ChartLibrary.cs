namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// Where the HTML report's chart library comes from: ECharts from npm, installed by <see cref="InstallCommand"/> into
/// <c>Simulation/report/node_modules</c> at the version <c>report/package-lock.json</c> pins, and inlined into the
/// report so that it opens without a network.
/// </summary>
public static class ChartLibrary
{
    public const string ReportFolder = "src/PrivateDomainGrains.Benchmarks/Simulation/report";
    public const string InstallCommand = "npm ci --prefix " + ReportFolder;
    private const string Script = "node_modules/echarts/dist/echarts.min.js";

    /// <summary>The path of <c>echarts.min.js</c>, looked for from the current directory and the program's upwards; null if not installed.</summary>
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, ReportFolder, Script);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
