using PrivateDomainGrains.Client;
using System.Collections.Concurrent;
using System.Diagnostics;
using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Api;
using PrivateDomainGrains.LoadTest.Live;
using PrivateDomainGrains.LoadTest.Options;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Run;

/// <summary>
/// Sets the stage before the clock starts: the tenant, staff with passwords, and (optionally) every customer via
/// a friend.added that assigns its round-robin owner. Closed loop and as fast as the server takes it: nothing here is measured.
/// </summary>
public sealed class Provisioner(LoadTestOptions options, IReadOnlyList<NodeConnection> nodes, StaffRoster roster, ErrorLog errors, TextWriter log)
{
    private readonly Stopwatch _watch = new();

    /// <summary>The tenant and its staff: enough for consoles to log in.</summary>
    public async Task<(TenantCredentials Credentials, bool Created, int StaffCreated)> SetUpTenantAsync(CancellationToken ct)
    {
        _watch.Start();
        var (credentials, created) = await TenantAsync(ct);
        var staffCreated = 0;
        await Parallel.ForEachAsync(roster.AllStaff(), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (staff, token) =>
        {
            if (await CreateStaffAsync(credentials.On(nodes[0]), staff, token)) Interlocked.Increment(ref staffCreated);
        });
        log.WriteLine($"tenant {credentials.Tenant} {(created ? "created" : "reused")}, {roster.StaffCount} staff ({staffCreated} new)");
        _watch.Stop();
        return (credentials, created, staffCreated);
    }

    /// <summary>
    /// One friend.added per customer when provisioning is on; the consoles should be connected first so the welcome
    /// nudges drain during it. <paramref name="friendAddedAt"/> gives customer n's event time (default: now).
    /// </summary>
    public async Task<ProvisioningResult> ProvisionCustomersAsync(TenantCredentials credentials, bool created, int staffCreated,
        CancellationToken ct, Func<long, DateTimeOffset>? friendAddedAt = null)
    {
        _watch.Start();
        var owners = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        long failed = 0;
        if (options.ProvisionCustomers) failed = await CustomersAsync(credentials, owners, friendAddedAt ?? (_ => DateTimeOffset.UtcNow), ct);
        _watch.Stop();
        return new ProvisioningResult(credentials, created, staffCreated, owners, failed, _watch.Elapsed);
    }

    private async Task<(TenantCredentials, bool Created)> TenantAsync(CancellationToken ct)
    {
        if (options.ApiKey is not null && options.AdminKey is not null)
            return (new TenantCredentials(options.Tenant, options.ApiKey, options.AdminKey), false);
        if (options.OperatorKey is null)
            throw new OptionsException("creating a tenant needs --operator-key (or PDG_OPERATOR_KEY); to use an existing tenant pass --api-key and --admin-key");
        var credentials = await CreateTenantAsync(nodes[0], ct)
            ?? throw new OptionsException($"tenant '{options.Tenant}' already exists: pass its --api-key and --admin-key, or choose another --tenant");
        return (credentials, true);
    }

    /// <summary>Null when the tenant already exists (409).</summary>
    private async Task<TenantCredentials?> CreateTenantAsync(NodeConnection node, CancellationToken ct)
    {
        try
        {
            var created = await node.Api.Tenants.CreateAsync(options.Tenant, $"Load test {options.Tenant}", ct);
            return new TenantCredentials(created.Tenant, created.ApiKey, created.AdminKey);
        }
        catch (PlatformApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    /// <summary>False when the staff member already exists (409), which a re-run against the same tenant expects.</summary>
    private async Task<bool> CreateStaffAsync(PrivateDomainGrainsClient tenant, string staffId, CancellationToken ct)
    {
        try
        {
            await tenant.Staff.CreateAsync(staffId, options.StaffPassword, $"Load test {staffId}", ct);
            return true;
        }
        catch (PlatformApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    private async Task<long> CustomersAsync(TenantCredentials credentials, ConcurrentDictionary<string, string> owners,
        Func<long, DateTimeOffset> friendAddedAt, CancellationToken ct)
    {
        long failed = 0, done = 0;
        var batches = Enumerable.Range(0, (options.Customers + options.BatchSize - 1) / options.BatchSize);
        using var progress = new Timer(_ => log.WriteLine($"provisioning customers {Interlocked.Read(ref done)}/{options.Customers}"),
            null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Min(options.MaxInFlight, 64), CancellationToken = ct };
        await Parallel.ForEachAsync(batches, parallel, async (b, token) =>
        {
            var first = (long)b * options.BatchSize;
            var count = (int)Math.Min(options.BatchSize, options.Customers - first);
            var events = Enumerable.Range(0, count)
                .Select(i => EventGenerator.ProvisioningEvent(first + i, roster, friendAddedAt(first + i))).ToArray();
            try
            {
                var response = await PostRetryingAsync(credentials, events, b, token);
                var outcomes = IngestOutcomes.Classify(count, response.Duplicates, response.Errors.Select(e => e.Index));
                for (var i = 0; i < count; i++)
                {
                    if (outcomes[i] == EventOutcome.Rejected) Interlocked.Increment(ref failed);
                    else owners[events[i].CustomerId!] = events[i].StaffId!;
                }
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                Interlocked.Add(ref failed, count);
                errors.Record("provisioning", e);
            }
            Interlocked.Add(ref done, count);
        });
        log.WriteLine($"provisioned {owners.Count}/{options.Customers} customers ({failed} failed)");
        return failed;
    }

    /// <summary>
    /// Posts a provisioning batch, sending it again while the platform answers 5xx (a node at capacity sheds with 503
    /// and Retry-After; the SDK's own retries give up sooner) for up to <see cref="ProvisioningRetryFor"/>.
    /// </summary>
    private async Task<EventBatchResponse> PostRetryingAsync(TenantCredentials credentials, PostedEvent[] events, int batch, CancellationToken ct)
    {
        var giveUpAt = DateTime.UtcNow + ProvisioningRetryFor;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await credentials.On(nodes[(batch + attempt) % nodes.Count]).Events.PostAsync(events, ct);
            }
            catch (PlatformApiException e) when ((int)e.StatusCode >= 500 && DateTime.UtcNow < giveUpAt)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(200 * (attempt + 1), 2_000)), ct);
            }
        }
    }

    private static readonly TimeSpan ProvisioningRetryFor = TimeSpan.FromMinutes(2);
}
