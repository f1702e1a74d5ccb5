using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Grains.TenantInputs;

namespace PrivateDomainGrains.Grains.Learning;

/// <summary>Flushes this silo's <see cref="LearningSignalBuffer"/> every interval, and once more when the silo stops.</summary>
public sealed class LearningSignalFlusher(LearningSignalBuffer buffer, IOptions<TenantDecisionOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LearningFlushInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await buffer.FlushAsync();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // Registered after the silo, so stopped before it: the learning grains are still reachable for this hand-over.
            await buffer.FlushAsync().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out; what was left is lost, as a crash would lose it.
        }
    }
}
