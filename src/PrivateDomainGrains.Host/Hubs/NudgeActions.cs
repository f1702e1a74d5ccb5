using System.Text.Json;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Nudges;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Grains.Customers;
using PrivateDomainGrains.Grains.Hosting;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Hubs;

/// <summary>
/// What a staff member does with one of their own nudges, from the hub (<see cref="ConsoleHub"/>) or the console routes
/// alike: close it as done or not useful (only the closing call teaches the model, so a resend is safe), or snooze it.
/// Every other console of the staff member hears of it (<c>changed</c>).
/// </summary>
public sealed class NudgeActions(
    NudgeInbox inbox, GrainReferences<IStaffGrain> staff, GrainReferences<ICustomerGrain> customers, CustomerMetrics metrics, AuditTrail audit)
{
    /// <summary>How far ahead a nudge may be snoozed.</summary>
    public static readonly TimeSpan MaxSnooze = TimeSpan.FromDays(30);

    /// <summary>Closes the nudge: one of <see cref="CloseResults"/>. A close that took effect is audited as <c>Ack</c> or <c>Dismiss</c>.</summary>
    /// <param name="address">The caller's network address, for the audit log.</param>
    public async Task<string> CloseAsync(string tenant, string staffId, string nudgeId, NudgeResponse response, string? address)
    {
        // Bad input from a console is its problem, not the server's: an answer, no exception and no error log.
        if (!Ids.IsValid(nudgeId)) return CloseResults.Invalid;
        // Only the close of an open nudge counts, so a repeated click cannot teach the model twice.
        var how = response == NudgeResponse.Acted ? NudgeClosings.Done : NudgeClosings.NotUseful;
        if (await inbox.AcknowledgeAsync(tenant, staffId, nudgeId, how) is not { } customerId)
            return await inbox.IsClosedAsync(tenant, staffId, nudgeId) ? CloseResults.AlreadyClosed : CloseResults.Unknown;
        // The staff member's other consoles (tabs, devices, nodes) drop the card too.
        _ = staff.For(tenant, staffId).DeliverChangesAsync([NudgeChange.Closing(nudgeId, how)]);
        await customers.For(tenant, customerId).RecordResponseAsync(nudgeId, response);
        metrics.Closed(tenant, how);
        await AuditAsync(tenant, staffId, response == NudgeResponse.Acted ? "Ack" : "Dismiss", customerId, nudgeId, address);
        return CloseResults.Closed;
    }

    /// <summary>
    /// Hides an open nudge until <paramref name="until"/> (in the next <see cref="MaxSnooze"/>); it comes back then, in
    /// every console, by itself. One of <see cref="MarkResults.Snoozed"/>, <see cref="MarkResults.Unknown"/> (not an open
    /// nudge of the staff member's) or <see cref="MarkResults.Invalid"/>. A second snooze replaces the first.
    /// </summary>
    /// <param name="address">The caller's network address, for the audit log (a snooze that took effect is audited as <c>Snooze</c>).</param>
    public async Task<string> SnoozeAsync(string tenant, string staffId, string nudgeId, DateTimeOffset until, string? address)
    {
        var now = DateTimeOffset.UtcNow;
        if (!Ids.IsValid(nudgeId) || until <= now || until > now + MaxSnooze) return MarkResults.Invalid;
        if (!await inbox.MarkAsync(tenant, staffId, nudgeId, NudgeMarkKind.Snoozed, now, until)) return MarkResults.Unknown;
        _ = staff.For(tenant, staffId).DeliverChangesAsync([NudgeChange.Snoozing(nudgeId, until)]);
        await AuditAsync(tenant, staffId, "Snooze", customerId: null, nudgeId, address);
        return MarkResults.Snoozed;
    }

    /// <summary>A staff action that took effect: the action's name, the nudge as the target, 200 as the status.</summary>
    private Task AuditAsync(string tenant, string staffId, string action, string? customerId, string nudgeId, string? address) =>
        audit.RecordAsync(new AuditRecord(tenant, $"staff:{staffId}", action, customerId,
            JsonSerializer.Serialize(new Dictionary<string, string> { ["nudgeId"] = nudgeId }), StatusCodes.Status200OK, address));
}
