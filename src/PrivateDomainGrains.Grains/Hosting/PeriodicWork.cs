using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PrivateDomainGrains.Grains.Hosting;

/// <summary>
/// Work a silo repeats while it is active (refreshing caches, flushing buffers), started and stopped by the silo
/// lifecycle like the scheduler's start-up: it begins once the silo is active and ends as the silo starts stopping,
/// while grains are still reachable, so a last run can still hand work over to them. A run that fails is logged and
/// the next one comes at the next interval.
/// </summary>
internal sealed class PeriodicWork(string name, TimeSpan interval, Func<CancellationToken, Task> run, bool runOnStop, ILogger<PeriodicWork> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private CancellationTokenSource? _stopping;
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(name, ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => LoopAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null) return;
        await _stopping.CancelAsync();
        await _loop;
        if (!runOnStop) return;
        try
        {
            await RunOnceAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The silo's stop timeout ran out; what was left is lost, as a crash would lose it.
        }
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping)) await RunOnceAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await run(ct);
        }
        // Any failure but the silo's stop, a cancelled database or HTTP call's too: letting that one through ended the
        // loop for good, silently.
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "{Work} failed; it runs again in {Interval}", name, interval);
        }
    }
}

public static class PeriodicWorkServiceCollectionExtensions
{
    /// <summary>Runs <paramref name="run"/> on the <typeparamref name="TService"/> singleton every interval while the silo is active.</summary>
    internal static IServiceCollection AddPeriodicWork<TService>(this IServiceCollection services, string name,
        Func<IServiceProvider, TimeSpan> interval, Func<TService, CancellationToken, Task> run, bool runOnStop = false) where TService : notnull =>
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
        {
            var service = sp.GetRequiredService<TService>();
            return new PeriodicWork(name, interval(sp), ct => run(service, ct), runOnStop, sp.GetRequiredService<ILogger<PeriodicWork>>());
        });
}
