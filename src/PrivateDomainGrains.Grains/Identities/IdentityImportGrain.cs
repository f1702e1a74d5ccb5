using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Identities;
using PrivateDomainGrains.Grains.Hosting;
using PrivateDomainGrains.Grains.Jobs;
using PrivateDomainGrains.Grains.Storage;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Identities;

/// <summary>
/// Works through an identity import's staged rows (<see cref="IdentityImportRows"/>) in line order, a page at a time,
/// each page one bulk add to the identity index (<see cref="IdentityImportBatch"/>); each page's results are saved, then
/// the cursor and counts, before the next page. A reminder brings the grain back if its silo dies and the activation
/// resumes after the last saved page (<see cref="ResumableJob"/>): the rows of a page cut short are added again, which
/// finds them already there (no identity is added twice), and rows recorded before the cut count as recorded, so the
/// counts add up to the rows read.
/// </summary>
public sealed class IdentityImportGrain(
    [PersistentState(PlatformStorage.IdentityImportState, PlatformStorage.Name)] IPersistentState<IdentityImportState> state,
    IdentityImportRows rows,
    IdentityImportBatch batch,
    IOptions<IdentityImportOptions> options,
    ILogger<IdentityImportGrain> logger) : Grain, IIdentityImportGrain, IRemindable
{
    private string _tenant = "";
    private string _jobId = "";
    private ResumableJob? _job;

    private ResumableJob Job => _job ??= ResumableJob.Paged(this, WorkPageAsync, FinishAsync, () => Worked(state.State), logger);

    private bool Running => state.RecordExists && state.State.State == IdentityImportStates.Running;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _jobId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        if (Running) Job.Start();
        return Task.CompletedTask;
    }

    public async Task<IdentityImportView> StartAsync(IdentityImportSpec spec)
    {
        if (state.RecordExists) return View();
        var (read, refused) = await rows.CountAsync(_tenant, _jobId);
        state.State = new IdentityImportState
        {
            Format = spec.Format,
            CreateCustomers = spec.CreateCustomers,
            By = spec.By,
            Owners = spec.Owners,
            Language = CallerLanguage.Current,
            State = IdentityImportStates.Running,
            Read = read,
            Refused = refused,
            StartedAt = DateTimeOffset.UtcNow,
        };
        await Job.BeginAsync(() => state.WriteStateAsync());
        logger.LogInformation("{Tenant} identity import {JobId} ({Format}): {Read} rows, {Refused} refused as read", _tenant, _jobId, spec.Format, read, refused);
        return View();
    }

    public Task<IdentityImportView?> GetAsync() => Task.FromResult(state.RecordExists ? View() : null);

    public async Task<IdentityImportView?> CancelAsync()
    {
        if (!state.RecordExists) return null;
        if (Running) await Job.CancelAsync();
        // Again for an import cancelled before rows were marked at its end: a repeated cancel clears their values too.
        else if (state.State.State == IdentityImportStates.Cancelled) await rows.CancelPendingAsync(_tenant, _jobId, options.Value.PageSize);
        return View();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Job.ReceiveReminderAsync(Running);

    /// <summary>Adds the page after the saved cursor to the index and saves its rows' results, then the cursor and counts; false when none is left.</summary>
    private async Task<bool> WorkPageAsync(CancellationToken cancellationToken)
    {
        var job = state.State;
        CallerLanguage.Adopt(job.Language);
        var page = await rows.PageAsync(_tenant, _jobId, job.After, options.Value.PageSize, ct: cancellationToken);
        if (page.Count == 0) return false;
        // Rows refused as read were counted at the start; rows recorded by a page whose cursor was not saved yet
        // (the silo died in between) are counted as recorded.
        var pending = page.FindAll(r => r.State == IdentityImportRowState.Pending);
        // A page after a restart may hold rows the interrupted page added: their pending events are attached too.
        var (results, attached) = await batch.AddAsync(_tenant, pending, Targets(job), attachAlsoUnchanged: true, cancellationToken);
        await rows.RecordAsync(_tenant, _jobId, results, cancellationToken);
        foreach (var r in results.Concat(page.Where(r => r.State is not (IdentityImportRowState.Pending or IdentityImportRowState.Refused))))
        {
            if (r.State == IdentityImportRowState.Added) job.Added++;
            else if (r.State == IdentityImportRowState.Unchanged) job.Unchanged++;
            else if (r.State == IdentityImportRowState.Refused) job.Refused++;
            else job.Conflicts++;
        }
        job.AttachedFromPool += attached;
        job.After = page[^1].Line;
        await state.WriteStateAsync(cancellationToken);
        return true;
    }

    private async Task FinishAsync(bool cancelled, CancellationToken cancellationToken)
    {
        var job = state.State;
        job.State = cancelled ? IdentityImportStates.Cancelled : IdentityImportStates.Completed;
        job.FinishedAt = DateTimeOffset.UtcNow;
        if (cancelled) await rows.CancelPendingAsync(_tenant, _jobId, options.Value.PageSize, cancellationToken);
        await state.WriteStateAsync(cancellationToken);
        logger.LogInformation("{Tenant} identity import {JobId} {State}: {Read} rows, {Added} added, {Unchanged} unchanged, {Refused} refused, {Conflicts} conflicts, {Attached} pending events attached",
            _tenant, _jobId, job.State, job.Read, job.Added, job.Unchanged, job.Refused, job.Conflicts, job.AttachedFromPool);
    }

    private static IdentityImportTargets Targets(IdentityImportState s) =>
        new(s.CreateCustomers ?? true, s.Owners is null ? null : new HashSet<string>(s.Owners, StringComparer.Ordinal));

    private static long Worked(IdentityImportState s) => s.Added + s.Unchanged + s.Refused + s.Conflicts;

    private IdentityImportView View()
    {
        var s = state.State;
        return new IdentityImportView(_jobId, s.Format, s.State, s.Read, s.Added, s.Unchanged, s.Refused, s.Conflicts, s.AttachedFromPool, s.StartedAt, s.FinishedAt, s.CreateCustomers ?? true, s.By);
    }
}
