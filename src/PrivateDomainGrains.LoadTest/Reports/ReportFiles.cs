namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>Writes report.json, report.html and summary.txt into the run's output folder.</summary>
public static class ReportFiles
{
    public static IReadOnlyList<string> Write(RunReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new (string Name, string Content)[]
        {
            ("report.json", JsonReportWriter.Write(report)),
            ("report.html", HtmlReportWriter.Write(report)),
            ("summary.txt", TextReportWriter.Write(report)),
        };
        foreach (var (name, content) in files) File.WriteAllText(Path.Combine(directory, name), content);
        return files.Select(f => Path.GetFullPath(Path.Combine(directory, f.Name))).ToArray();
    }
}
