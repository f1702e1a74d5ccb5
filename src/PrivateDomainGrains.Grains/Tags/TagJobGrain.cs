using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Tags;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Tags;
using PrivateDomainGrains.Grains.Hosting;
using PrivateDomainGrains.Grains.Jobs;
using PrivateDomainGrains.Grains.Storage;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tags;

/// <summary>
/// Works through a tag job's staged rows (<see cref="TagJobRows"/>) in seq order, a page at a time, calling
/// <see cref="ICustomerGrain.RetagAsync"/> a bounded number at a time; each page's results and the cursor after it are
/// saved before the next page (the rows first, then the cursor and counts). A reminder brings the grain back if its silo dies, and the activation resumes after
/// the last saved page: the rows of a page cut short are worked again, which changes nothing the second time (their
/// tags already are as asked) and keeps a row's <c>changed</c>, so the counts come out exact.
/// </summary>
public sealed class TagJobGrain(
    [PersistentState(PlatformStorage.TagJobState, PlatformStorage.Name)] IPersistentState<TagJobState> state,
    TagJobRows rows,
    IOptions<TagJobOptions> options,
    ILogger<TagJobGrain> logger) : Grain, ITagJobGrain, IRemindable
{
    private string _tenant = "";
    private string _jobId = "";
    private ResumableJob? _job;

    private ResumableJob Job => _job ??= ResumableJob.Paged(this, WorkPageAsync, FinishAsync, () => state.State.Done + state.State.Failed, logger);

    private bool Running => state.RecordExists && state.State.State == TagJobStates.Running;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _jobId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        if (Running) Job.Start();
        return Task.CompletedTask;
    }

    public async Task<TagJobView> StartAsync(TagJobSpec spec)
    {
        if (state.RecordExists) return View();
        var (total, failed) = await rows.CountAsync(_tenant, _jobId);
        state.State = new TagJobState
        {
            Kind = spec.Kind,
            Source = spec.Source,
            Add = spec.Add,
            Remove = spec.Remove,
            By = spec.By,
            Language = CallerLanguage.Current,
            State = TagJobStates.Running,
            Total = total,
            Failed = failed,
            StartedAt = DateTimeOffset.UtcNow,
        };
        await Job.BeginAsync(() => state.WriteStateAsync());
        logger.LogInformation("{Tenant} tag job {JobId} ({Kind} from {Source}): {Total} rows, +[{Add}] -[{Remove}]",
            _tenant, _jobId, spec.Kind, spec.Source, total, string.Join(",", spec.Add), string.Join(",", spec.Remove));
        return View();
    }

    public Task<TagJobView?> GetAsync() => Task.FromResult(state.RecordExists ? View() : null);

    public async Task<TagJobView?> CancelAsync()
    {
        if (!state.RecordExists) return null;
        if (Running) await Job.CancelAsync();
        return View();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Job.ReceiveReminderAsync(Running);

    /// <summary>Works the page after the saved cursor and saves its rows, then the cursor and counts; false when none is left.</summary>
    private async Task<bool> WorkPageAsync(CancellationToken cancellationToken)
    {
        var job = state.State;
        // Rows are worded in the language of the request that started the job, whoever's call or reminder works the page.
        CallerLanguage.Adopt(job.Language);
        var page = await rows.PageAsync(_tenant, _jobId, job.After, options.Value.PageSize, ct: cancellationToken);
        if (page.Count == 0) return false;
        // Rows staged without a customer failed at the start and were counted then.
        var results = await BoundedWork.ForEachAsync(page.FindAll(r => r.CustomerId is not null), options.Value.MaxConcurrentChanges, row => RetagAsync(row, job));
        await rows.RecordAsync(_tenant, _jobId, results, cancellationToken);
        foreach (var r in results)
        {
            if (r.Status == TagJobRowStatus.Failed) job.Failed++;
            else job.Done++;
            if (r.Status == TagJobRowStatus.Changed) job.Changed++;
        }
        job.After = page[^1].Seq;
        await state.WriteStateAsync(cancellationToken);
        return true;
    }

    private async Task FinishAsync(bool cancelled, CancellationToken cancellationToken)
    {
        var job = state.State;
        job.State = cancelled ? TagJobStates.Cancelled : TagJobStates.Completed;
        job.FinishedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync(cancellationToken);
        logger.LogInformation("{Tenant} tag job {JobId} {State}: {Total} rows, {Changed} changed, {Done} done, {Failed} failed",
            _tenant, _jobId, job.State, job.Total, job.Changed, job.Done, job.Failed);
    }

    /// <summary>Changes one row's customer; a failure is the row's result.</summary>
    private async Task<TagJobRow> RetagAsync(TagJobRow row, TagJobState job)
    {
        try
        {
            var changed = await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.For(_tenant, row.CustomerId!)).RetagAsync(job.Add, job.Remove, job.By);
            return row with
            {
                // A row worked again after a restart finds its tags as asked; what changed them the first time was this job.
                Status = changed switch
                {
                    null => TagJobRowStatus.Failed,
                    true => TagJobRowStatus.Changed,
                    false => row.Status == TagJobRowStatus.Changed ? TagJobRowStatus.Changed : TagJobRowStatus.Unchanged,
                },
                Error = changed is null ? CustomerPhrases.NotYet.Say(row.CustomerId) : null,
            };
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "{Tenant} tag job {JobId}: {CustomerId} failed", _tenant, _jobId, row.CustomerId);
            return row with { Status = TagJobRowStatus.Failed, Error = ex.GetType().Name + ": " + ex.Message };
        }
    }

    private TagJobView View()
    {
        var s = state.State;
        return new TagJobView(_jobId, new TagJobSpec(s.Kind, s.Source, s.Add, s.Remove, s.By), s.State, s.Total, s.Done, s.Changed, s.Failed, s.StartedAt, s.FinishedAt);
    }
}
