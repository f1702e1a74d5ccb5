using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class ProcStatTests
{
    [Fact]
    public void Reads_the_parent_and_the_cpu_of_the_process_and_its_waited_for_children()
    {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
        var stat = ProcStat.Parse("4242 (postgres) S 4100 4100 4100 0 -1 4194560 5000 90000 0 3 150 50 1200 300 20 0 1 0 777 1 2")!.Value;

        Assert.Equal(4100, stat.ParentPid);
        Assert.Equal(150 + 50 + 1200 + 300, stat.CpuTicks);
        Assert.Equal(17, stat.CpuSeconds);
    }

    [Fact]
    public void A_command_with_spaces_and_parentheses_does_not_shift_the_fields() =>
        Assert.Equal(new ProcStat(1, 10), ProcStat.Parse("77 (postgres: a (b) c) R 1 0 0 0 0 0 0 0 0 0 1 2 3 4 0 0"));

    [Fact]
    public void A_line_that_is_not_a_stat_line_is_null()
    {
        Assert.Null(ProcStat.Parse("no parentheses here"));
        Assert.Null(ProcStat.Parse("1 (x) S 0 0"));
    }
}
