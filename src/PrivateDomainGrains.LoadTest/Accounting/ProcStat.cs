using System.Globalization;

namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// One line of Linux's <c>/proc/&lt;pid&gt;/stat</c> (proc(5)): fields are 1-based, the second is the command in
/// parentheses (which may itself hold spaces and parentheses, so fields are counted from the last ')').
/// </summary>
/// <param name="ParentPid">Field 4, ppid.</param>
/// <param name="CpuTicks">
/// Fields 14-17: utime + stime + cutime + cstime, in clock ticks (<see cref="TicksPerSecond"/>). The children's part
/// holds the exited children it waited for, so a PostgreSQL postmaster's figure keeps the CPU of backends that are gone.
/// </param>
public readonly record struct ProcStat(int ParentPid, long CpuTicks)
{
    /// <summary>USER_HZ, the unit of /proc's times: 100 on every Linux architecture .NET runs on.</summary>
    public const double TicksPerSecond = 100;

    public double CpuSeconds => CpuTicks / TicksPerSecond;

    /// <summary>Null when the line is not a stat line.</summary>
    public static ProcStat? Parse(string line)
    {
        var close = line.LastIndexOf(')');
        if (close < 0) return null;
        // After the command: field 3 (state) is index 0, so field n is index n - 3.
        var fields = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 15 || !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ppid)) return null;
        long cpu = 0;
        for (var field = 14; field <= 17; field++)
        {
            if (!long.TryParse(fields[field - 3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)) return null;
            cpu += ticks;
        }
        return new ProcStat(ppid, cpu);
    }
}
