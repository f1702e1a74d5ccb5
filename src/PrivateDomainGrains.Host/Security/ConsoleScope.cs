using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Security;

/// <summary>
/// Whose customers a console user may see, from the tenant's roster (<see cref="ITenantGrain.GetRosterAsync"/>): a
/// staff member their own; a manager their team's (every member with the same team) and the customers no one owns; an
/// admin the tenant's; and anyone the customer of a nudge addressed to them while it is open (a playbook may address a
/// nudge by name to someone other than the owner, who must see whom it is about to act on it). Console routes answer
/// what lies outside exactly as they answer what does not exist (404).
/// </summary>
public sealed class ConsoleScope(IGrainFactory grains, NudgeInbox inbox)
{
    /// <summary>Whether <paramref name="user"/> may see the customer <paramref name="customerId"/>, owned by <paramref name="owner"/>.</summary>
    public async Task<bool> CanSeeCustomerAsync(ConsoleUser user, string customerId, string? owner) =>
        await CanSeeCustomerOfAsync(user, owner) || await inbox.HasOpenAboutAsync(user.Tenant, user.StaffId, customerId);

    /// <summary>Whether <paramref name="user"/> may see a customer owned by <paramref name="owner"/> (null: no one).</summary>
    public async Task<bool> CanSeeCustomerOfAsync(ConsoleUser user, string? owner)
    {
        if (owner == user.StaffId || user.IsAdmin) return true;
        if (!user.IsManager) return false;
        return owner is null || (user.Team is not null && (await TeamAsync(user)).Contains(owner));
    }

    /// <summary>The owners whose customers a listing shows without an owner filter: null for the whole tenant (admin).</summary>
    public async Task<string[]?> DefaultOwnersAsync(ConsoleUser user) =>
        user.IsAdmin ? null
        : user.IsManager && user.Team is not null ? [.. (await TeamAsync(user)).Append(user.StaffId).Distinct(StringComparer.Ordinal)]
        : [user.StaffId];

    private async Task<HashSet<string>> TeamAsync(ConsoleUser user) =>
        (await grains.GetGrain<ITenantGrain>(user.Tenant).GetRosterAsync())
            .Where(e => e.Team == user.Team).Select(e => e.StaffId).ToHashSet(StringComparer.Ordinal);
}
