using System.Globalization;
using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Stats;

/// <summary>
/// CPU time of one PostgreSQL server on this machine: its postmaster (the first line of <c>postmaster.pid</c> in the data
/// directory) and every process whose parent it is, from <c>/proc</c>. The postmaster's own figure includes the backends
/// that have exited (<see cref="ProcStat"/>), so the total only grows while the server runs.
/// </summary>
public sealed class PostgresCpu(string dataDirectory)
{
    /// <summary>Seconds of CPU so far; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot be read.</summary>
    public double ReadSeconds()
    {
        var pidText = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First().Trim();
        var postmaster = int.Parse(pidText, NumberStyles.Integer, CultureInfo.InvariantCulture);
        var own = ProcStat.Parse(File.ReadAllText($"/proc/{postmaster}/stat"))
            ?? throw new IOException($"/proc/{postmaster}/stat is not a stat line");
        var ticks = own.CpuTicks;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) || pid == postmaster) continue;
            string line;
            try
            {
                line = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // the process exited between listing and reading
            }
            if (ProcStat.Parse(line) is { } child && child.ParentPid == postmaster) ticks += child.CpuTicks;
        }
        return ticks / ProcStat.TicksPerSecond;
    }

    /// <summary>Why PostgreSQL's CPU cannot be read here, or null when it can.</summary>
    public string? Check()
    {
        try
        {
            ReadSeconds();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return $"PostgreSQL CPU not readable from {dataDirectory}: {e.Message}";
        }
    }
}
