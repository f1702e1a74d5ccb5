using Microsoft.Extensions.Caching.Memory;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Campaigns;
using PrivateDomainGrains.Abstractions.Nudges;
using PrivateDomainGrains.Core.Campaigns;

namespace PrivateDomainGrains.Host.Hubs;

/// <summary>
/// Campaign names by tenant and campaign id, for what a console receives about a campaign's nudge (the hub's
/// <c>nudges</c>, a timeline's <c>nudge-raised</c> entries): staff may not list campaigns, so the server names them.
/// A campaign's name never changes, so this node asks its grain once and keeps the answer (bounded: the least recently
/// used go first); a campaign that could not be read stays unnamed, asked again on its next nudge.
/// </summary>
public sealed class CampaignNames(IGrainFactory grains, ILogger<CampaignNames> logger)
{
    private const int MaxCampaigns = 10_000;

    /// <summary>How long "no such campaign" is believed (a nudge naming a campaign that is gone: asked again after this).</summary>
    private static readonly TimeSpan UnknownFor = TimeSpan.FromMinutes(1);

    private readonly MemoryCache _names = new(new MemoryCacheOptions { SizeLimit = MaxCampaigns });

    /// <summary>The name of <paramref name="campaignId"/> of <paramref name="tenant"/>, or null if none has this id or it could not be read.</summary>
    public async ValueTask<string?> NameOfAsync(string tenant, string campaignId)
    {
        var key = (tenant, campaignId);
        if (_names.TryGetValue(key, out string? name)) return name;
        try
        {
            name = (await grains.GetGrain<ICampaignGrain>(GrainKeys.For(tenant, campaignId)).GetAsync())?.Spec.Name;
        }
        catch (Exception ex)
        {
            // The nudge still goes out, as "a campaign" without a name: a name is worth no delay.
            logger.LogWarning(ex, "Reading the name of {Tenant} campaign {CampaignId} failed", tenant, campaignId);
            return null;
        }
        _names.Set(key, name, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = name is null ? UnknownFor : null });
        return name;
    }

    /// <summary>The name of the campaign that raised a nudge of <paramref name="source"/>; null for a rule's nudge.</summary>
    public ValueTask<string?> NameOfSourceAsync(string tenant, string? source) =>
        CampaignNudges.CampaignOf(source) is { } campaignId ? NameOfAsync(tenant, campaignId) : ValueTask.FromResult<string?>(null);

    /// <summary><paramref name="nudges"/> with each campaign's nudge carrying its campaign's name (the same array when none is a campaign's).</summary>
    public async ValueTask<Nudge[]> NameAsync(Nudge[] nudges)
    {
        Nudge[]? named = null;
        for (var i = 0; i < nudges.Length; i++)
        {
            var nudge = nudges[i];
            if (nudge.CampaignName is not null || await NameOfSourceAsync(nudge.Tenant, nudge.Source) is not { } name) continue;
            named ??= (Nudge[])nudges.Clone();
            named[i] = nudge with { CampaignName = name };
        }
        return named ?? nudges;
    }
}
