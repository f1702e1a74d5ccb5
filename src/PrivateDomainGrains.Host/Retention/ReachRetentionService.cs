using Microsoft.Extensions.Options;
using PrivateDomainGrains.Host.Hosting;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Retention;

/// <summary>
/// Drops the customers reached of raised days older than <see cref="ReachRetentionOptions.Days"/>, on every node every
/// <see cref="ReachRetentionOptions.PassEvery"/>: records the first day kept (reports over a period starting before it
/// answer customersReached null from then on), waits <see cref="ReachRetentionOptions.Grace"/> for reports already
/// reading, then deletes in batches (<see cref="ExecutionReach.DropBeforeAsync"/>). Passes on several nodes repeat each
/// other's cheap work; a pass cut short is finished by the next.
/// </summary>
public sealed partial class ReachRetentionService(
    ExecutionReach reach,
    IOptions<ReachRetentionOptions> options,
    TimeProvider time,
    ILogger<ReachRetentionService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // The database is away: what was deleted stays deleted, the next pass does the rest.
        PeriodicPass.RunAsync(time, options.Value.PassEvery, PassAsync, ex => LogFailed(ex, options.Value.PassEvery), stoppingToken);

    private async Task PassAsync(CancellationToken ct)
    {
        var o = options.Value;
        var before = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(1 - o.Days);
        await reach.KeepFromAsync(before, ct);
        if (o.Grace > TimeSpan.Zero) await Task.Delay(o.Grace, time, ct);
        var dropped = await reach.DropBeforeAsync(before, o.BatchSize, ct);
        if (dropped > 0) LogDropped(dropped, before);
    }

    [LoggerMessage(LogLevel.Information, "Customers reached retention: dropped {Rows} rows of the raised days before {Before}")]
    private partial void LogDropped(long rows, DateOnly before);

    [LoggerMessage(LogLevel.Warning, "Customers reached retention failed; the next pass in {PassEvery}")]
    private partial void LogFailed(Exception ex, TimeSpan passEvery);
}
