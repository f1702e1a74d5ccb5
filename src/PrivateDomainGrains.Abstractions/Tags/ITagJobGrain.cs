using Orleans.Concurrency;

namespace PrivateDomainGrains.Abstractions.Tags;

/// <summary>
/// One tag job: adds and removes tags for every customer of its staged rows (<c>pdg_tag_job_rows</c>), a bounded number
/// at a time, each change a tag change of the customer's own (rules, exclusive groups, timeline). Key:
/// <see cref="GrainKeys.For"/>(tenant, jobId). Its cursor is saved after every page and a reminder brings it back if
/// its silo dies, so it resumes where it was and finishes with exact counts.
/// </summary>
[Alias("pdg.ITagJobGrain")]
public interface ITagJobGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the job over the rows staged for its id and returns at once; rows staged as failed count as failed from
    /// the start. Starting a job that exists changes nothing and returns its status.
    /// </summary>
    [Alias("Start")] Task<TagJobView> StartAsync(TagJobSpec spec);

    /// <summary>The status, or null if no job has this id. Answers while the job runs.</summary>
    [AlwaysInterleave, Alias("Get")] Task<TagJobView?> GetAsync();

    /// <summary>
    /// Stops a running job before its next page and answers once it has stopped: what it did stays done, the state is
    /// <see cref="TagJobStates.Cancelled"/>. A job that is not running answers its status unchanged; null if no job has this id.
    /// </summary>
    [AlwaysInterleave, Alias("Cancel")] Task<TagJobView?> CancelAsync();
}
