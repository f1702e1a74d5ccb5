using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Grains.Customers;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Hubs;

/// <summary>
/// A staff member's live console. On connect it receives how many nudges are open (<see cref="ReplayTotals"/>), every
/// open nudge from the inbox, then live ones as they are raised; <see cref="Ack"/> and <see cref="Dismiss"/> close a nudge (it is not replayed again) and feed the
/// tenant's propensity model. Both answer a <see cref="CloseResults"/> value and are idempotent, so a console may
/// resend a close whose answer it never got (its outbox does, after a reconnect).
/// </summary>
[Authorize]
public sealed class ConsoleHub(ConsoleConnections connections, ConsoleNode node, NudgeInbox inbox, NudgeActions actions, ExecutionWatchers watchers,
    IGrainFactory grains, IOptions<ConsoleOptions> options) : Hub
{
    public const string Path = "/hubs/console";
    private const int ReplayPageSize = 500;

    /// <summary>The query (<c>?purpose=watch</c>) of a connection that only watches execution: not a console, no nudges, none marked delivered.</summary>
    public const string WatchOnlyQuery = "purpose";

    public override async Task OnConnectedAsync()
    {
        if (WatchOnly) return;
        var (tenant, staffId) = Caller();
        var staffKey = GrainKeys.For(tenant, staffId);
        // Each console replays every open nudge: a token opening consoles without end would replay without end.
        var max = options.Value.MaxConnectionsPerStaff;
        if (connections.CountOf(staffKey) >= max)
            throw new HubException($"Staff member '{staffId}' already has {max} consoles open on this node: close one first");
        connections.Add(staffKey, Context.ConnectionId, Context.Abort);
        await node.SubscribeAsync(staffKey);

        // The totals first, so a console shows the true count of a long queue at once, not the replay's pages as they arrive.
        var (open, snoozed) = await inbox.CountOpenAsync(tenant, staffId, DateTimeOffset.UtcNow, Context.ConnectionAborted);
        await Clients.Caller.SendAsync(ConsoleConnections.ReplayingMethod, new ReplayTotals(open, snoozed), Context.ConnectionAborted);
        (DateTimeOffset, string)? after = null;
        while (true)
        {
            var page = await inbox.ReadOpenAsync(tenant, staffId, after, ReplayPageSize, Context.ConnectionAborted);
            await connections.ReplayAsync(staffKey, Context.ConnectionId, [.. page.Select(row => row.ToNudge())]);
            if (page.Count < ReplayPageSize) break;
            after = (page[^1].CreatedAt, page[^1].NudgeId);
        }
        connections.EndReplay(staffKey, Context.ConnectionId);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var (tenant, staffId) = Caller();
        var staffKey = GrainKeys.For(tenant, staffId);
        connections.Remove(staffKey, Context.ConnectionId);
        foreach (var released in watchers.Unwatch(Context.ConnectionId).Append(staffKey).Distinct(StringComparer.Ordinal))
            await node.ReleaseAsync(released);
    }

    /// <summary>
    /// A manager's or admin's team dashboard asks to hear <see cref="ExecutionWatchers.ChangedMethod"/> (at most once a
    /// second) whenever a nudge of someone whose execution it shows is raised or changes: a manager's team and themself,
    /// an admin's whole tenant, as the roster has them now (a dashboard calls it again after every reconnect). Answers
    /// <see cref="WatchResults.Watching"/>, or <see cref="WatchResults.Forbidden"/> for a staff member.
    /// </summary>
    public async Task<string> WatchExecution()
    {
        if (ConsoleUser.From(Context.User!) is not { IsManager: true } user) return WatchResults.Forbidden;
        var roster = await grains.GetGrain<ITenantGrain>(user.Tenant).GetRosterAsync();
        var (group, staff) = user.IsAdmin ? (ExecutionWatchers.GroupOf(user.Tenant), roster.Select(e => e.StaffId))
            : user.Team is { } team ? (ExecutionWatchers.GroupOf(user.Tenant, "team:" + team), roster.Where(e => e.Team == team).Select(e => e.StaffId))
            : (ExecutionWatchers.GroupOf(user.Tenant, "staff:" + user.StaffId), []);
        var staffKeys = staff.Append(user.StaffId).Distinct(StringComparer.Ordinal).Select(id => GrainKeys.For(user.Tenant, id)).ToArray();
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        watchers.Watch(Context.ConnectionId, group, staffKeys);
        foreach (var staffKey in staffKeys) await node.SubscribeAsync(staffKey);
        return WatchResults.Watching;
    }

    /// <summary>The caller did what one of its own nudges suggested: closes it and credits the action.</summary>
    /// <returns>One of <see cref="CloseResults"/>.</returns>
    public Task<string> Ack(string nudgeId)
    {
        var (tenant, staffId) = Caller();
        return actions.CloseAsync(tenant, staffId, nudgeId, NudgeResponse.Acted, CallerAddress());
    }

    /// <summary>The caller found one of its own nudges not useful: closes it and counts against the action.</summary>
    /// <returns>One of <see cref="CloseResults"/>.</returns>
    public Task<string> Dismiss(string nudgeId)
    {
        var (tenant, staffId) = Caller();
        return actions.CloseAsync(tenant, staffId, nudgeId, NudgeResponse.Dismissed, CallerAddress());
    }

    /// <summary>
    /// Hides one of the caller's open nudges from the queue until <paramref name="until"/> (at most
    /// <see cref="NudgeActions.MaxSnooze"/> ahead); it comes back then, in every console, by itself. Answers
    /// <see cref="MarkResults.Snoozed"/>, <see cref="MarkResults.Unknown"/> (not an open nudge of the caller's) or
    /// <see cref="MarkResults.Invalid"/>.
    /// </summary>
    public Task<string> Snooze(string nudgeId, DateTimeOffset until)
    {
        var (tenant, staffId) = Caller();
        return actions.SnoozeAsync(tenant, staffId, nudgeId, until, CallerAddress());
    }

    /// <summary>
    /// The caller opened one of its nudges (read its detail): the first opening is recorded for the reports. Idempotent: a
    /// repeat (another console, a resend) answers <see cref="MarkResults.Opened"/> too and counts nothing more.
    /// </summary>
    public async Task<string> Opened(string nudgeId)
    {
        if (!Ids.IsValid(nudgeId)) return MarkResults.Invalid;
        var (tenant, staffId) = Caller();
        return await inbox.MarkAsync(tenant, staffId, nudgeId, NudgeMarkKind.Opened, DateTimeOffset.UtcNow)
            || await inbox.WasOpenedAsync(tenant, staffId, nudgeId) ? MarkResults.Opened : MarkResults.Unknown;
    }

    private bool WatchOnly => Context.GetHttpContext()?.Request.Query[WatchOnlyQuery].ToString() == "watch";

    private string? CallerAddress() => Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString();

    private (string Tenant, string StaffId) Caller() =>
        (Context.User?.FindFirst(ConsoleTokens.TenantClaim)?.Value ?? throw new HubException("The token names no tenant"),
         Context.User?.FindFirst(ConsoleTokens.StaffClaim)?.Value ?? throw new HubException("The token names no staff member"));
}

/// <summary>What <see cref="ConsoleHub.Snooze"/> and <see cref="ConsoleHub.Opened"/> answer.</summary>
public static class MarkResults
{
    public const string Snoozed = "snoozed";
    public const string Opened = "opened";
    /// <summary>Not a nudge of the caller's (or, for a snooze, not open).</summary>
    public const string Unknown = "unknown";
    /// <summary>An invalid id, or a snooze time not in the next 30 days.</summary>
    public const string Invalid = "invalid";
}

/// <summary>What <see cref="ConsoleHub.WatchExecution"/> answers.</summary>
public static class WatchResults
{
    public const string Watching = "watching";
    /// <summary>A staff member: the dashboard is for managers and admins.</summary>
    public const string Forbidden = "forbidden";
}

/// <summary>What <see cref="ConsoleHub.Ack"/> and <see cref="ConsoleHub.Dismiss"/> answer.</summary>
public static class CloseResults
{
    /// <summary>This call closed the nudge.</summary>
    public const string Closed = "closed";
    /// <summary>An earlier call closed it (a resend): success, nothing changed.</summary>
    public const string AlreadyClosed = "already-closed";
    /// <summary>Not a nudge of the caller's (never raised, or handed over to another staff member).</summary>
    public const string Unknown = "unknown";
    /// <summary>The id is not a valid id (1-128 letters, digits and -_.:@).</summary>
    public const string Invalid = "invalid";
}
