using Microsoft.Extensions.Options;
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
    /// <summary>After a start, before the first pass: the node's other start-up work goes first.</summary>
    private static readonly TimeSpan FirstPassAfter = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        try
        {
            await Task.Delay(o.PassEvery < FirstPassAfter ? o.PassEvery : FirstPassAfter, time, stoppingToken);
            while (true)
            {
                await PassAsync(o, stoppingToken);
                await Task.Delay(o.PassEvery, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PassAsync(ReachRetentionOptions o, CancellationToken ct)
    {
        try
        {
            var before = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(1 - o.Days);
            await reach.KeepFromAsync(before, ct);
            if (o.Grace > TimeSpan.Zero) await Task.Delay(o.Grace, time, ct);
            var dropped = await reach.DropBeforeAsync(before, o.BatchSize, ct);
            if (dropped > 0) LogDropped(dropped, before);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The database is away: what was deleted stays deleted, the next pass does the rest.
            LogFailed(ex, o.PassEvery);
        }
    }

    [LoggerMessage(LogLevel.Information, "Customers reached retention: dropped {Rows} rows of the raised days before {Before}")]
    private partial void LogDropped(long rows, DateOnly before);

    [LoggerMessage(LogLevel.Warning, "Customers reached retention failed; the next pass in {PassEvery}")]
    private partial void LogFailed(Exception ex, TimeSpan passEvery);
}
