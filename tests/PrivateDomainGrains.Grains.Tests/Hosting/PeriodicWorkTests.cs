using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using PrivateDomainGrains.Grains.Hosting;

namespace PrivateDomainGrains.Grains.Tests.Hosting;

/// <summary>Work a silo repeats: a run that fails in any way but the silo's stop is followed by the next one.</summary>
public sealed class PeriodicWorkTests
{
    [Fact]
    public async Task A_run_cancelled_by_something_other_than_the_silos_stop_is_followed_by_the_next_run()
    {
        var runs = 0;
        var again = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = new PeriodicWork("test work", TimeSpan.FromMilliseconds(20), _ =>
        {
            // The first run fails as a database command's timeout does: an OperationCanceledException of its own.
            if (Interlocked.Increment(ref runs) == 1) throw new TaskCanceledException("command timed out");
            again.TrySetResult();
            return Task.CompletedTask;
        }, runOnStop: false, NullLogger<PeriodicWork>.Instance);
        var lifecycle = new SiloLifecycleSubject(NullLogger<SiloLifecycleSubject>.Instance);
        work.Participate(lifecycle);

        await lifecycle.OnStart();
        var ranAgain = await Task.WhenAny(again.Task, Task.Delay(TimeSpan.FromSeconds(30))) == again.Task;
        await lifecycle.OnStop();

        Assert.True(ranAgain, $"no run after the cancelled one ({runs} run)");
    }
}
