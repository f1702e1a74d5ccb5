using Orleans.Concurrency;

namespace PrivateDomainGrains.Abstractions.Handovers;

/// <summary>
/// One bulk handover (离职继承 / 在职转接): every customer of one staff member moves to another, with their history and
/// open nudges. Key: <see cref="GrainKeys.For"/>(tenant, handoverId). It runs in the background, survives the loss of its
/// silo, and can be polled while it runs.
/// </summary>
[Alias("pdg.IHandoverGrain")]
public interface IHandoverGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts moving <paramref name="fromStaffId"/>'s customers to <paramref name="toStaffId"/> and returns at once.
    /// On a <paramref name="departure"/> the leaver is recorded as gone with <paramref name="toStaffId"/> as successor
    /// first, so events that still name them count as the successor's, and it also moves what is addressed to the
    /// leaver by name. It completes only when a pass finds nothing left. Starting a handover that already exists
    /// changes nothing and returns its status.
    /// </summary>
    [Alias("Start")] Task<HandoverView> StartAsync(string fromStaffId, string toStaffId, bool departure = false);

    /// <summary>The status, or null if no handover has this id. Answers while the handover is running.</summary>
    [AlwaysInterleave, Alias("Get")] Task<HandoverView?> GetAsync();
}
