using Microsoft.Extensions.Options;
using PrivateDomainGrains.Host.Hosting;
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
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // The database is away: every committed page stays done, the pass resumes at the next poll.
        PeriodicPass.RunAsync(time, options.Value.PollInterval, PassAsync, LogPassFailed, stoppingToken, firstAfter: TimeSpan.Zero);

    private async Task PassAsync(CancellationToken ct)
    {
        var o = options.Value;
        foreach (var tenant in await retention.DueAsync(o.PassEvery, TenantJournalRetention.CacheFor, ct))
        {
            while (await retention.RunPageAsync(tenant, o.PageSize, o.PassEvery, ct) is { } pass)
            {
                if (pass.PassFinishedAt is null)
                {
                    if (o.PauseBetweenPages > TimeSpan.Zero) await Task.Delay(o.PauseBetweenPages, time, ct);
                    continue;
                }
                LogPassFinished(tenant, pass.PassDropped, pass.PassCustomers, pass.PassCutoff);
                break;
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Journal retention of {Tenant}: dropped {Dropped} events before {Cutoff} of {Customers} customers")]
    private partial void LogPassFinished(string tenant, long dropped, long customers, DateTimeOffset? cutoff);

    [LoggerMessage(LogLevel.Warning, "A journal retention pass failed; it resumes after its last committed page at the next poll")]
    private partial void LogPassFailed(Exception exception);
}
