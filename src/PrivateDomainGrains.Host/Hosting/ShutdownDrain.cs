using Microsoft.Extensions.Options;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>
/// Holds a stopping node in service for <see cref="HealthOptions.DrainDelay"/>: the host's "stopping" phase comes before
/// any hosted service stops, and this marks the node <see cref="Stopping"/> (so <c>/health/ready</c> answers 503) and
/// waits there, while the web server and the silo still serve, so requests the load balancer sends meanwhile are
/// answered rather than refused.
/// </summary>
public sealed class ShutdownDrain(IOptions<HealthOptions> options, IHostApplicationLifetime lifetime, ILogger<ShutdownDrain> logger)
    : IHostedLifecycleService
{
    private volatile bool _stopping;

    /// <summary>The host has begun to stop (by a signal, or by a stop call that raises the lifetime's event only later).</summary>
    public bool Stopping => _stopping || lifetime.ApplicationStopping.IsCancellationRequested;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var delay = options.Value.DrainDelay;
        if (delay <= TimeSpan.Zero) return;
        logger.LogInformation("Stopping: not ready, serving for {DrainDelay} more while load balancers take this node out", delay);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
