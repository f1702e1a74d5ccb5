using System.ComponentModel.DataAnnotations;
using Orleans.Configuration;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>
/// How fast the cluster declares a crashed node dead ("Orleans:Membership" section), validated at start-up and applied
/// to Orleans' <see cref="ClusterMembershipOptions"/>. Until a silo is declared dead, its grains cannot activate elsewhere:
/// events of its customers are answered 503 (the client retries) and nudges sent to staff grains that lived there are
/// lost on the way (the consoles catch up from the inbox once the death is known, <c>Hubs/ConsoleNode.cs</c>). Orleans'
/// defaults (probe every 5 s, 3 missed probes) take 7-15 s to notice a <c>kill -9</c>; these take 1-2 s on a quiet machine.
/// </summary>
/// <remarks>
/// A silo probes every other silo (up to 10) once per effective probe timeout, which Orleans adapts to the response times
/// it observes between <c>ProbeTimeout / 2</c> and <c>ProbeTimeout * 4</c> (and stretches while the prober itself is short
/// of CPU). After <see cref="NumMissedProbesLimit"/> - 1 failed direct probes it asks another silo to probe indirectly; a
/// failed indirect probe is two votes, the prober's and the intermediary's. A live silo is not voted out while its
/// connection keeps bringing messages (Orleans' connection liveness check, on by default), which is what keeps short
/// probes safe under load: a busy silo answers grain calls even when a probe is late.
/// </remarks>
public sealed class MembershipOptions
{
    public const string Section = "Orleans:Membership";

    /// <summary>Initial probe period and timeout (Orleans' <c>ProbeTimeout</c>; Orleans' default 5 s). 0.2 s to 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.2", "00:01:00")] public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Failed probes in a row (the last one indirect) before this silo votes the other dead (Orleans' default 3). 2 to 10.
    /// </summary>
    [Range(2, 10)] public int NumMissedProbesLimit { get; set; } = 2;

    /// <summary>
    /// Votes that declare a silo dead (Orleans' default 2; Orleans asks fewer when fewer than twice as many silos are
    /// active). 1 to 10, at most the silos each one probes (10).
    /// </summary>
    [Range(1, 10)] public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>Copies these settings onto Orleans' options; the rest keep Orleans' defaults.</summary>
    public void ApplyTo(ClusterMembershipOptions orleans)
    {
        orleans.ProbeTimeout = ProbeTimeout;
        orleans.NumMissedProbesLimit = NumMissedProbesLimit;
        orleans.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
    }
}
