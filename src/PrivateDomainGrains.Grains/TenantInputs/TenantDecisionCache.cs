using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PrivateDomainGrains.Abstractions.Tags;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Grains.Tenants;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Playbooks;
using PrivateDomainGrains.Core.Tags;

namespace PrivateDomainGrains.Grains.TenantInputs;

/// <summary>
/// This silo's <see cref="ITenantDecisionInputs"/>: each tenant's compiled playbook and model snapshot, fetched from
/// the tenant grains on first use and kept current by a periodic refresh (<see cref="TenantInputsSiloBuilderExtensions.AddTenantInputs"/>). A cached tenant is a
/// dictionary hit with no allocation. Values are immutable once published: customer grains on many threads read the
/// same playbook and model, and a change replaces them rather than mutating them.
/// </summary>
public sealed class TenantDecisionCache(IGrainFactory grains, ILogger<TenantDecisionCache> logger) : ITenantDecisionInputs
{
    private readonly ConcurrentDictionary<string, TenantDecisionInputs> _tenants = new(StringComparer.Ordinal);
    // Concurrent first requests for a tenant share one fetch and one compile, run on the thread pool rather than in
    // the activation of whichever customer grain asked first.
    private readonly ConcurrentDictionary<string, Lazy<Task<TenantDecisionInputs>>> _loading = new(StringComparer.Ordinal);

    public ValueTask<TenantDecisionInputs> GetAsync(string tenant) =>
        _tenants.TryGetValue(tenant, out var inputs) ? new ValueTask<TenantDecisionInputs>(inputs) : new ValueTask<TenantDecisionInputs>(LoadAsync(tenant));

    public async Task<TenantDecisionInputs> GetCurrentAsync(string tenant)
    {
        await RefreshAsync(tenant, CancellationToken.None);
        return await GetAsync(tenant);
    }

    /// <summary>
    /// Checks every cached tenant's versions and refetches only what changed; a failure keeps the last good value. A
    /// stopping silo cancels it: the refresh stops waiting for its grain calls rather than holding up the stop.
    /// </summary>
    public Task RefreshAllAsync(CancellationToken ct) => Task.WhenAll(_tenants.Keys.Select(tenant => RefreshAsync(tenant, ct)));

    private async Task<TenantDecisionInputs> LoadAsync(string tenant)
    {
        var load = _loading.GetOrAdd(tenant, static (t, self) => new Lazy<Task<TenantDecisionInputs>>(() => Task.Run(() => self.FetchAsync(t))), this);
        try
        {
            var inputs = await load.Value;
            return _tenants.GetOrAdd(tenant, inputs);
        }
        finally
        {
            // A failed fetch is not remembered: the next request tries again.
            _loading.TryRemove(new KeyValuePair<string, Lazy<Task<TenantDecisionInputs>>>(tenant, load));
        }
    }

    private async Task<TenantDecisionInputs> FetchAsync(string tenant)
    {
        var document = await grains.GetGrain<ITenantPlaybookGrain>(tenant).GetAsync();
        var model = await grains.GetGrain<ITenantLearningGrain>(tenant).GetModelAsync(PropensityModelDocument.NoVersion);
        var routing = await grains.GetGrain<ITenantGrain>(tenant).GetRoutingAsync();
        var catalog = await grains.GetGrain<ITenantTagCatalogGrain>(tenant).GetAsync();
        return new TenantDecisionInputs(Compile(tenant, document), ToModel(model!))
        {
            StoredPlaybookVersion = document.Version,
            Routing = routing,
            ExclusiveTags = new ExclusiveTagGroups(catalog.ExclusiveGroups()),
            TagCatalogVersion = catalog.Version,
        };
    }

    /// <summary>
    /// The stored playbook compiled, or, if it no longer compiles (an engine stricter than the one that accepted it),
    /// the built-in default: a tenant whose playbook needs replacing still serves its customers meanwhile.
    /// </summary>
    private CompiledPlaybook Compile(string tenant, PlaybookDocument document)
    {
        try
        {
            return TenantPlaybooks.Compile(tenant, document);
        }
        catch (PlaybookInvalidException ex)
        {
            logger.LogError(ex, "Tenant {Tenant}'s playbook version {Version} does not compile ({Errors}); deciding with the built-in default until it is replaced",
                tenant, document.Version, string.Join("; ", ex.Errors));
            return TenantPlaybooks.Compile(tenant, TenantPlaybooks.DefaultDocument(tenant));
        }
    }

    private async Task RefreshAsync(string tenant, CancellationToken ct)
    {
        if (!_tenants.TryGetValue(tenant, out var current)) return;
        try
        {
            var (playbook, stored) = (current.Playbook, current.StoredPlaybookVersion);
            if (await grains.GetGrain<ITenantPlaybookGrain>(tenant).GetVersionAsync().WaitAsync(ct) != stored)
            {
                var document = await grains.GetGrain<ITenantPlaybookGrain>(tenant).GetAsync().WaitAsync(ct);
                (playbook, stored) = (Compile(tenant, document), document.Version);
                logger.LogInformation("Tenant {Tenant} decides with playbook version {Version} on this silo", tenant, playbook.Version);
            }
            var model = await grains.GetGrain<ITenantLearningGrain>(tenant).GetModelAsync(current.Model.Version).WaitAsync(ct);
            var routing = await grains.GetGrain<ITenantGrain>(tenant).GetRoutingAsync().WaitAsync(ct);
            var (exclusive, catalogVersion) = (current.ExclusiveTags, current.TagCatalogVersion);
            if (await grains.GetGrain<ITenantTagCatalogGrain>(tenant).GetVersionAsync().WaitAsync(ct) != catalogVersion)
            {
                var catalog = await grains.GetGrain<ITenantTagCatalogGrain>(tenant).GetAsync().WaitAsync(ct);
                (exclusive, catalogVersion) = (new ExclusiveTagGroups(catalog.ExclusiveGroups()), catalog.Version);
            }
            if (ReferenceEquals(playbook, current.Playbook) && model is null && routing.Version == current.Routing.Version
                && catalogVersion == current.TagCatalogVersion) return;
            // Only replace what this refresh read; a concurrent first load of the same tenant stores nothing newer.
            _tenants.TryUpdate(tenant, new TenantDecisionInputs(playbook, model is null ? current.Model : ToModel(model))
            {
                StoredPlaybookVersion = stored,
                Routing = routing.Version == current.Routing.Version ? current.Routing : routing,
                ExclusiveTags = exclusive,
                TagCatalogVersion = catalogVersion,
            }, current);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Refreshing tenant {Tenant}'s playbook and model failed; keeping playbook version {Version}", tenant, current.Playbook.Version);
        }
    }

    private static PropensityModel ToModel(PropensityModelDocument document) =>
        JsonSerializer.Deserialize<PropensityModel>(document.Json) ?? new PropensityModel();
}
