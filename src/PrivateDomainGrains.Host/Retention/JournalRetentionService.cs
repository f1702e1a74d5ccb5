using Microsoft.Extensions.Options;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Retention;

/// <summary>
/// Drops journal events past their tenant's retention, on every node: finds tenants with a pass due or under way
/// (<see cref="JournalRetention.DueAsync"/>) and runs their passes page by page (<see cref="JournalRetention.RunPageAsync"/>,
/// one transaction each; a tenant another node is on is passed over). Progress is the database's: a node stopped or
/// killed mid-pass leaves it to the next poll, here or elsewhere, which resumes after the last committed page.
/// </summary>
public sealed partial class JournalRetentionService(
    JournalRetention retention,
    IOptions<JournalRetentionOptions> options,
    TimeProvider time,
    ILogger<JournalRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var tenant in await retention.DueAsync(o.PassEvery, TenantJournalRetention.CacheFor, stoppingToken))
                {
                    while (await retention.RunPageAsync(tenant, o.PageSize, o.PassEvery, stoppingToken) is { } pass)
                    {
                        if (pass.PassFinishedAt is null)
                        {
                            if (o.PauseBetweenPages > TimeSpan.Zero) await Task.Delay(o.PauseBetweenPages, time, stoppingToken);
                            continue;
                        }
                        LogPassFinished(tenant, pass.PassDropped, pass.PassCustomers, pass.PassCutoff);
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is away: every committed page stays done, the pass resumes at the next poll.
                LogPassFailed(ex);
            }
            try
            {
                await Task.Delay(o.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Journal retention of {Tenant}: dropped {Dropped} events before {Cutoff} of {Customers} customers")]
    private partial void LogPassFinished(string tenant, long dropped, long customers, DateTimeOffset? cutoff);

    [LoggerMessage(LogLevel.Warning, "A journal retention pass failed; it resumes after its last committed page at the next poll")]
    private partial void LogPassFailed(Exception exception);
}
