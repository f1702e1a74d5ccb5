using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Campaigns;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Grains.Jobs;
using PrivateDomainGrains.Grains.Storage;
using PrivateDomainGrains.Persistence;
using PrivateDomainGrains.Persistence.Segments;

namespace PrivateDomainGrains.Grains.Campaigns;

/// <summary>
/// Works through a saved segment's members in customer-id order (<see cref="SegmentMembers"/>, keyset by id, every page
/// as of the first page's moment), calling <see cref="ICustomerGrain.ReachAsync"/> a bounded number at a time. Members
/// are released one by one at an even rate over the send window (member i of n once i/n of it has passed, see
/// <see cref="DueCount"/>): every tick (<see cref="TickInterval"/>) releases the members due by then, in pages of at most
/// <see cref="CampaignOptions.PageSize"/>, so a staff member gets their customers' nudges spread over the window whatever
/// the segment's size (issue 17: 100 members over 2 h is one every 72 s, not 100 in the first second). A resumed
/// campaign spreads what is left over what is left of the window. Counts and the cursor are saved after each
/// page; a reminder brings the grain back if its silo dies, and the activation resumes after the last saved page: the
/// members of a page cut short are reached again, which raises nothing new (their nudge ids are taken) and answers
/// what their nudge became, so the counts come out exact.
/// </summary>
public sealed class CampaignGrain(
    [PersistentState(PlatformStorage.CampaignState, PlatformStorage.Name)] IPersistentState<CampaignState> state,
    SegmentStore segments,
    SegmentMembers members,
    IOptions<CampaignOptions> options,
    TimeProvider clock,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain, IRemindable
{
    // How often a running campaign looks which members are due: a release is at most this late.
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);

    private string _tenant = "";
    private string _campaignId = "";
    private ResumableJob? _job;

    private ResumableJob Job => _job ??= new(this, WorkAsync, () => state.State.Reached, logger, TickInterval);

    private bool Running => state.RecordExists && state.State.State == CampaignStates.Running;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _campaignId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        if (Running) Job.Start();
        return Task.CompletedTask;
    }

    public async Task<CampaignView> CreateAsync(CampaignSpec spec)
    {
        if (state.RecordExists) return View();
        state.State = new CampaignState
        {
            Name = spec.Name,
            SegmentId = spec.SegmentId,
            SegmentVersion = spec.SegmentVersion,
            Script = spec.Script,
            StartAt = spec.StartAt,
            EndAt = spec.EndAt,
            By = spec.By,
            Owners = spec.Owners,
            State = CampaignStates.Running,
            CreatedAt = clock.GetUtcNow(),
        };
        // Reminder before the record: a campaign stored as running always has something to resume it.
        await Job.KeepResumableAsync();
        await state.WriteStateAsync();
        logger.LogInformation("{Tenant} campaign {CampaignId} to segment {SegmentId} from {StartAt:O} to {EndAt:O}",
            _tenant, _campaignId, spec.SegmentId, spec.StartAt, spec.EndAt);
        Job.Start();
        return View();
    }

    public Task<CampaignView?> GetAsync() => Task.FromResult(state.RecordExists ? View() : null);

    public Task<CampaignView?> PauseAsync() => MoveAsync(CampaignStates.Running, CampaignStates.Paused);

    public Task<CampaignView?> ResumeAsync() => MoveAsync(CampaignStates.Paused, CampaignStates.Running);

    public async Task<CampaignView?> CancelAsync()
    {
        if (!state.RecordExists) return null;
        if (state.State.State is CampaignStates.Running or CampaignStates.Paused) await FinishAsync(CampaignStates.Cancelled);
        return View();
    }

    /// <summary>From <paramref name="from"/> to <paramref name="to"/>; any other state stays as it is.</summary>
    private async Task<CampaignView?> MoveAsync(string from, string to)
    {
        if (!state.RecordExists) return null;
        if (state.State.State != from) return View();
        state.State.State = to;
        if (to == CampaignStates.Running)
        {
            // The pause's share of the window is not made up in a burst: what is left spreads over what is left.
            var now = clock.GetUtcNow();
            state.State.PacedFrom = now > state.State.StartAt ? now : state.State.StartAt;
            state.State.PacedFromReached = state.State.Reached;
        }
        await state.WriteStateAsync();
        if (to == CampaignStates.Running) Job.Start();
        else Job.Stop();
        logger.LogInformation("{Tenant} campaign {CampaignId} {State}", _tenant, _campaignId, to);
        return View();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        Job.ReceiveReminderAsync(state.RecordExists && state.State.State is CampaignStates.Running or CampaignStates.Paused);

    /// <summary>Releases the members due now in pages, saving after each; members not yet due wait for a later tick.</summary>
    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        var c = state.State;
        while (Running && !cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            if (now >= c.EndAt)
            {
                await FinishAsync(CampaignStates.Expired);
                return;
            }
            if (now < (c.PacedFrom ?? c.StartAt)) return;
            if (c.ListedAt is not null && c.Reached < c.Total && DueCount(c, now) <= c.Reached) return;
            if (await segments.GetAsync(_tenant, c.SegmentId, cancellationToken) is not { } segment)
            {
                logger.LogWarning("{Tenant} campaign {CampaignId}: segment {SegmentId} was deleted; the campaign ends", _tenant, _campaignId, c.SegmentId);
                await FinishAsync(CampaignStates.Cancelled);
                return;
            }
            var scope = await ScopeAsync(segment);
            if (c.ListedAt is null)
            {
                c.ListedAt = now;
                c.Total = await members.CountAsync(_tenant, segment.Filter, scope, now, cancellationToken);
            }
            // Past the counted total (nothing left, or the listing grew) a page finds the end.
            var due = c.Reached < c.Total ? DueCount(c, now) - c.Reached : options.Value.PageSize;
            if (due <= 0) return;
            var limit = (int)Math.Min(due, options.Value.PageSize);
            var (page, more) = await members.PageAsync(_tenant, segment.Filter, scope, c.ListedAt.Value, c.After, limit, cancellationToken);
            var first = c.Reached;
            var reaches = await BoundedWork.ForEachAsync([.. page.Select((m, i) => (m.CustomerId, Place: DueAt(c, first + i) - c.StartAt))],
                options.Value.MaxConcurrentReaches, m => ReachAsync(m.CustomerId, m.Place, c));
            foreach (var reach in reaches)
            {
                switch (reach)
                {
                    case CampaignReach.Raised: c.Raised++; break;
                    case CampaignReach.Held: c.Held++; break;
                    case CampaignReach.Suppressed: c.Suppressed++; break;
                    default: c.Failed++; break;
                }
            }
            if (page.Count > 0) c.After = page[^1].CustomerId;
            if (!more)
            {
                await FinishAsync(CampaignStates.Completed);
                return;
            }
            await state.WriteStateAsync(cancellationToken);
        }
    }

    /// <summary>
    /// How many members are due by <paramref name="now"/> (0..total): from the pacing's start (the window's start, or the
    /// last resume) to the window's last tick the members left then are due at an even rate, the first at once, member
    /// i of those n once i/n of that stretch has passed. The window's last tick is left free, so the last member is due
    /// before the window ends, not at the tick that finds it over. A campaign behind (its node was down) catches up in
    /// pages.
    /// </summary>
    private static long DueCount(CampaignState c, DateTimeOffset now)
    {
        var from = c.PacedFrom ?? c.StartAt;
        var spread = c.EndAt - TickInterval - from;
        var left = c.Total - c.PacedFromReached;
        if (left <= 0 || spread <= TimeSpan.Zero || now - from >= spread) return c.Total;
        var share = Math.Max(0, (now - from) / spread);
        return Math.Min(c.Total, c.PacedFromReached + (long)Math.Floor(left * share) + 1);
    }

    /// <summary>
    /// When member <paramref name="index"/> (0-based, in release order) is due by <see cref="DueCount"/>'s pace: its
    /// place in the campaign, which a nudge the contact policy holds keeps after the hold (issue 17: a campaign sent in
    /// quiet hours reaches each staff member at its pace when they end, not all at once).
    /// </summary>
    private static DateTimeOffset DueAt(CampaignState c, long index)
    {
        var from = c.PacedFrom ?? c.StartAt;
        var spread = c.EndAt - TickInterval - from;
        var left = c.Total - c.PacedFromReached;
        if (left <= 0 || spread <= TimeSpan.Zero) return from;
        return from + spread * Math.Clamp((double)(index - c.PacedFromReached) / left, 0, 1);
    }

    private async Task FinishAsync(string end)
    {
        Job.Stop();
        state.State.State = end;
        state.State.FinishedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        logger.LogInformation("{Tenant} campaign {CampaignId} {State}: {Total} members, {Raised} raised, {Held} held, {Suppressed} suppressed, {Failed} failed",
            _tenant, _campaignId, end, state.State.Total, state.State.Raised, state.State.Held, state.State.Suppressed, state.State.Failed);
        await Job.EndAsync();
    }

    /// <summary>The staff of the filter's teams as the roster has them now, and whose customers the campaign may reach (null: the whole tenant).</summary>
    private async Task<SegmentScope> ScopeAsync(SavedSegment segment)
    {
        var owners = state.State.Owners;
        if (segment.Filter.Teams is not { Length: > 0 } teams) return new([], owners);
        var wanted = teams.ToHashSet(StringComparer.Ordinal);
        var roster = await GrainFactory.GetGrain<ITenantGrain>(_tenant).GetRosterAsync();
        return new([.. roster.Where(e => e.Team is { } t && wanted.Contains(t)).Select(e => e.StaffId)], owners);
    }

    /// <summary>Reaches one member; what their nudge became, or null where reaching them failed.</summary>
    private async Task<CampaignReach?> ReachAsync(string customerId, TimeSpan place, CampaignState c)
    {
        try
        {
            var reach = await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.For(_tenant, customerId)).ReachAsync(_campaignId, c.Script, place);
            return reach == CampaignReach.Unknown ? null : reach;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "{Tenant} campaign {CampaignId}: {CustomerId} failed", _tenant, _campaignId, customerId);
            return null;
        }
    }

    private CampaignView View()
    {
        var s = state.State;
        return new CampaignView(_campaignId, new CampaignSpec(s.Name, s.SegmentId, s.SegmentVersion, s.Script, s.StartAt, s.EndAt, s.By, s.Owners),
            s.State, s.Total, s.Reached, s.Raised, s.Held, s.Suppressed, s.Failed, s.CreatedAt, s.FinishedAt);
    }
}
