using Microsoft.Extensions.Options;
using PrivateDomainGrains.Host.Hosting;

namespace PrivateDomainGrains.Host.Integrations.WeCom;

/// <summary>
/// Deletes handled callbacks older than <see cref="WeComOptions.CallbackRetention"/> every <see cref="Interval"/>. Every
/// node runs one; the DELETE is idempotent, so nodes pruning at once only repeat each other's (cheap) work.
/// </summary>
public sealed class WeComCallbackPruner(WeComCallbackLog log, IOptions<WeComOptions> options, TimeProvider time, ILogger<WeComCallbackPruner> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPass.RunAsync(time, Interval, PruneAsync,
            ex => logger.LogWarning(ex, "Pruning old WeCom callbacks failed; retrying in {Interval}", Interval), stoppingToken, firstAfter: TimeSpan.Zero);

    private async Task PruneAsync(CancellationToken ct)
    {
        var deleted = await log.PruneAsync(time.GetUtcNow() - options.Value.CallbackRetention, ct);
        if (deleted > 0) logger.LogInformation("Pruned {Count} WeCom callbacks older than {Retention}", deleted, options.Value.CallbackRetention);
    }
}
