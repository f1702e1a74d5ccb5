using Microsoft.Extensions.Options;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Host.Hosting;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Retention;

/// <summary>
/// Deletes closed nudges older than <see cref="NudgeRetentionOptions.KeepFor"/>, on every node every
/// <see cref="NudgeRetentionOptions.PassEvery"/>, tenant by tenant in batches (<see cref="NudgeRetention.DropClosedBeforeAsync"/>).
/// A tenant's cutoff is the later of now less <c>KeepFor</c> and now less its playbook's attribution window, so no nudge
/// a reply or an order may still be credited to goes. Passes on several nodes repeat each other's cheap work; a pass
/// cut short is finished by the next.
/// </summary>
public sealed partial class NudgeRetentionService(
    NudgeRetention retention,
    IGrainFactory grains,
    IOptions<NudgeRetentionOptions> options,
    TimeProvider time,
    ILogger<NudgeRetentionService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // The database is away: the next pass does it.
        PeriodicPass.RunAsync(time, options.Value.PassEvery, PassAsync, ex => LogFailed(ex, options.Value.PassEvery), stoppingToken);

    private async Task PassAsync(CancellationToken ct)
    {
        var o = options.Value;
        var tenants = await retention.TenantsAsync(ct);
        foreach (var tenant in tenants)
        {
            try
            {
                if (await AttributionWindowAsync(tenant) is not { } window) continue;
                var before = time.GetUtcNow() - (window > o.KeepFor ? window : o.KeepFor);
                var dropped = await retention.DropClosedBeforeAsync(tenant, before, o.BatchSize, ct);
                if (dropped > 0) LogDropped(tenant, dropped, before);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // One tenant's failure (its playbook, the database for a moment) must not pass over the tenants after
                // it on every pass: what was deleted stays deleted, the next pass does the rest.
                LogTenantFailed(ex, tenant, o.PassEvery);
            }
        }
    }

    /// <summary>The tenant's current attribution window; null (its nudges are kept this pass) when its playbook cannot be read as one.</summary>
    private async Task<TimeSpan?> AttributionWindowAsync(string tenant)
    {
        var document = await grains.GetGrain<ITenantPlaybookGrain>(tenant).GetAsync();
        try
        {
            if (Durations.TryParse(PlaybookJson.Parse(document.Json).ContactPolicy.AttributionWindow, out var window)) return window;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        LogNoWindow(tenant);
        return null;
    }

    [LoggerMessage(LogLevel.Information, "Closed nudge retention of {Tenant}: dropped {Nudges} nudges closed before {Before}")]
    private partial void LogDropped(string tenant, long nudges, DateTimeOffset before);

    [LoggerMessage(LogLevel.Warning, "Closed nudge retention passed over {Tenant}: its playbook's attribution window cannot be read")]
    private partial void LogNoWindow(string tenant);

    [LoggerMessage(LogLevel.Warning, "Closed nudge retention failed; the next pass in {PassEvery}")]
    private partial void LogFailed(Exception ex, TimeSpan passEvery);

    [LoggerMessage(LogLevel.Warning, "Closed nudge retention of {Tenant} failed; the next pass in {PassEvery}")]
    private partial void LogTenantFailed(Exception ex, string tenant, TimeSpan passEvery);
}
