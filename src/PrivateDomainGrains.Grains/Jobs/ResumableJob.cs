using Microsoft.Extensions.Logging;

namespace PrivateDomainGrains.Grains.Jobs;

/// <summary>
/// What makes a paged background job (a handover, a tag job, an identity import, a campaign) survive its silo: a grain timer that runs the
/// job's pages while the grain is active, and a reminder that activates the grain again if its silo dies, so that
/// <c>OnActivateAsync</c> starts the timer again and the job resumes after its last saved page. The job itself owns its
/// state, its cursor and what one page does; it saves the cursor and counts after every page, which is what makes a
/// resume exact.
/// <para>
/// A page that throws (say, the database was unreachable) stops the timer and deactivates the grain: counters in
/// memory may be ahead of storage then, so the job starts again from what was saved when the reminder next activates it
/// (within <see cref="ResumePeriod"/>).
/// </para>
/// <para>
/// A job that works a staged list page by page until none is left and may be cancelled between pages (a tag job, an
/// identity import) is made with <see cref="Paged"/>: the loop, the cancel and the end are here, the job says what one
/// page does and what its final record is.
/// </para>
/// </summary>
/// <param name="grain">The job's grain; every call must come from its activation.</param>
/// <param name="workAsync">Runs the job's pages; it calls <see cref="EndAsync"/> once the job is over.</param>
/// <param name="progress">What the job has got through so far, for the log line of a failed page.</param>
/// <param name="logger">The job's logger.</param>
/// <param name="pace">How often a paced job's work runs to look whether its next page is due; none (the default): the
/// work runs once per activation and does all it can.</param>
public sealed class ResumableJob(IGrainBase grain, Func<CancellationToken, Task> workAsync, Func<long> progress, ILogger logger, TimeSpan? pace = null)
{
    /// <summary>The reminder's name; the same for every job, so jobs stored before this type resume too.</summary>
    public const string ReminderName = "resume";

    /// <summary>Orleans' minimum reminder period; the reminder only re-activates a job whose silo died, the timer works.</summary>
    public static readonly TimeSpan ResumePeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? _timer;
    // Set by a cancel: the pages stop before the next one and complete it once the cancelled record is saved.
    private TaskCompletionSource? _cancel;

    /// <summary>
    /// A job that runs <paramref name="pageAsync"/> until it answers false (no page left) or the job is cancelled
    /// (<see cref="CancelAsync"/>), then <paramref name="finishAsync"/> once with whether it was cancelled, which saves the
    /// job's final record; then the job is over (<see cref="EndAsync"/>). Each page saves its own results, cursor and
    /// counts before answering, so a resume after a failed page or a dead silo starts after the last saved one.
    /// </summary>
    /// <param name="pageAsync">Works the page after the saved cursor and saves it; false when there was none.</param>
    /// <param name="finishAsync">Records the job as completed (false) or cancelled (true) and saves it.</param>
    public static ResumableJob Paged(IGrainBase grain, Func<CancellationToken, Task<bool>> pageAsync, Func<bool, CancellationToken, Task> finishAsync,
        Func<long> progress, ILogger logger)
    {
        ResumableJob? job = null;
        job = new ResumableJob(grain, ct => job!.RunPagesAsync(pageAsync, finishAsync, ct), progress, logger);
        return job;
    }

    /// <summary>
    /// Starts a job: registers the reminder, then <paramref name="saveRunningAsync"/> writes its record as running (so a
    /// job stored as running always has something to resume it), then its work starts.
    /// </summary>
    public async Task BeginAsync(Func<Task> saveRunningAsync)
    {
        await KeepResumableAsync();
        await saveRunningAsync();
        Start();
    }

    /// <summary>
    /// Cancels a running <see cref="Paged"/> job: it stops before its next page, and the task completes once its
    /// cancelled record is saved (or fails with the error of the page that failed meanwhile; the job then resumes from
    /// its saved cursor as usual, and a later cancel asks again). A job whose failed page waits for the reminder stops
    /// now rather than then.
    /// </summary>
    public Task CancelAsync()
    {
        _cancel ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Start();
        return _cancel.Task;
    }

    /// <summary>
    /// Registers the reminder. Call it before the job's record is first written as running: a job stored as running
    /// then always has something to resume it.
    /// </summary>
    public Task KeepResumableAsync() => grain.RegisterOrUpdateReminder(ReminderName, ResumePeriod, ResumePeriod);

    /// <summary>Starts running the job's work on this activation now (nothing if it already runs).</summary>
    public void Start() =>
        _timer ??= grain.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions(TimeSpan.Zero, pace ?? Timeout.InfiniteTimeSpan) { KeepAlive = true });

    /// <summary>Stops running the job's work on this activation; the reminder stays, so a paused job is still resumable.</summary>
    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>The job is over: stops its work and unregisters the reminder.</summary>
    public async Task EndAsync()
    {
        Stop();
        await ForgetReminderAsync();
    }

    /// <summary>
    /// The reminder came: nothing to do while the job is <paramref name="live"/> (activating brought its work back);
    /// a reminder left over from a job that is over is unregistered.
    /// </summary>
    public async Task ReceiveReminderAsync(bool live)
    {
        if (!live) await ForgetReminderAsync();
    }

    private async Task ForgetReminderAsync()
    {
        if (await grain.GetReminder(ReminderName) is { } reminder) await grain.UnregisterReminder(reminder);
    }

    private async Task RunPagesAsync(Func<CancellationToken, Task<bool>> pageAsync, Func<bool, CancellationToken, Task> finishAsync, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested && _cancel is null)
            {
                if (!await pageAsync(ct)) break;
                await Task.Yield(); // a long job's pages leave room for the silo's own timers and heartbeats
            }
            if (ct.IsCancellationRequested) return;
            await finishAsync(_cancel is not null, ct);
        }
        catch (Exception ex)
        {
            // The job resumes from its saved cursor (RunAsync); a cancel waiting for it hears of the failure.
            _cancel?.TrySetException(ex);
            _cancel = null;
            throw;
        }
        await EndAsync();
        _cancel?.TrySetResult();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await workAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Job {Job} stopped after {Progress}; resuming from the saved cursor", grain.GrainContext.GrainId, progress());
            Stop();
            grain.DeactivateOnIdle();
        }
    }
}
