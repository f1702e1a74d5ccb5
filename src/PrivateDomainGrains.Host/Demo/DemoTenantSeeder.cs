using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Host.Apis;
using PrivateDomainGrains.Host.Hosting;
using PrivateDomainGrains.Host.Ingestion;

namespace PrivateDomainGrains.Host.Demo;

/// <summary>
/// Creates the demo tenant on first start (later starts find it and only print how to use it). Customers arrive
/// through the same ingestion path as real events, with fixed event ids, so a second run changes nothing.
/// </summary>
public sealed class DemoTenantSeeder(
    IOptions<DemoOptions> options, IOptions<PlatformOptions> platform, IOptions<DocsOptions> docs, IHostEnvironment environment, IGrainFactory grains, EventIngestion ingestion, IPasswordHasher<StaffCredentials> hasher,
    IServer server, IHostApplicationLifetime lifetime, ILogger<DemoTenantSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken)) return;
        var demo = options.Value;
        if (await grains.GetGrain<ITenantGrain>(demo.Tenant).GetAsync() is null)
        {
            await TenantProvisioning.CreateAsync(grains, demo.Tenant, "Demo tenant", demo.ApiKey, demo.AdminKey);
            var people = demo.Staff.Select(id => (id, StaffRoles.Staff)).Append((demo.Manager, StaffRoles.Manager)).Append((demo.Admin, StaffRoles.Admin));
            foreach (var (staffId, role) in people)
            {
                var hash = hasher.HashPassword(new StaffCredentials(staffId, ""), demo.StaffPassword);
                await grains.GetGrain<IStaffGrain>(GrainKeys.For(demo.Tenant, staffId)).CreateAsync(staffId, hash, role, role == StaffRoles.Admin ? null : demo.Team);
            }
            await SeedCustomersAsync(demo);
        }
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "(unknown)";
        Console.WriteLine($"""

            PrivateDomainGrains is running at {url}
              console:         {url}/  (tenant '{demo.Tenant}', password '{demo.StaffPassword}' for everyone)
                staff:         {string.Join(", ", demo.Staff)} (team '{demo.Team}')
                manager:       {demo.Manager} (team '{demo.Team}': dashboard, pending pool, segments, campaigns)
                admin:         {demo.Admin} (playbook, integrations, every customer)
              operator view:   {url}/operator  (operator key '{platform.Value.OperatorKey}')
              API key:         {demo.ApiKey}
              admin key:       {demo.AdminKey}
              OpenAPI:         {url}/openapi/v1.json{(docs.Value.IsEnabled(environment) ? $"\n  API docs:        {url}{docs.Value.Path}" : "")}
              try:             curl -s -H 'Authorization: Bearer {demo.ApiKey}' {url}/api/v1/tenants/{demo.Tenant}/customers/c0001

            """);
    }

    private async Task SeedCustomersAsync(DemoOptions demo)
    {
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(1, demo.Customers).SelectMany(i =>
        {
            var customerId = $"c{i:0000}";
            var staffId = demo.Staff[i % demo.Staff.Length];
            var added = new CustomerEvent($"demo-{customerId}-added", customerId, EventTypes.FriendAdded, now.AddDays(-i % 30), "wecom", staffId, null,
                new Dictionary<string, string> { ["nickname"] = $"Customer {i}" });
            var asked = new CustomerEvent($"demo-{customerId}-asked", customerId, EventTypes.MessageReceived, now.AddMinutes(-i), "wecom", null,
                i % 2 == 0 ? "Do you have a foundation for oily skin?" : "What is the price of the multi-visit card?", null);
            return i % 5 == 0 ? new[] { added, asked } : [added];
        }).ToList();
        foreach (var chunk in events.Chunk(EventBatchParser.MaxEventsPerRequest))
        {
            var batch = new EventBatchParser.Parsed(chunk.Select((e, i) => (i, e)).ToList(), [], chunk.Length);
            await ingestion.IngestAsync(demo.Tenant, batch);
        }
        logger.LogInformation("Demo tenant {Tenant} seeded with {Customers} customers ({Events} events)", demo.Tenant, demo.Customers, events.Count);
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var __ = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
