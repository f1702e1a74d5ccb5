using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// One injected fault as it happened, on the run clock: <see cref="AtTicks"/> when it was injected (SIGKILL or SIGTERM
/// sent, PostgreSQL's stop begun), <see cref="DownTicks"/> when the node process had exited or PostgreSQL had stopped,
/// <see cref="UpTicks"/> when the restarted node answered /health or PostgreSQL accepted connections again (null: it did
/// not come back, see <see cref="Error"/>). <see cref="Node"/> is the node's host:port, null for PostgreSQL.
/// </summary>
public sealed record FaultRecord(int Number, FaultKind Kind, string? Node, long AtTicks, long? DownTicks, long? UpTicks, string? Error = null)
{
    /// <summary>A node left the cluster (killed or stopped); a PostgreSQL restart loses none.</summary>
    public bool LosesNode => Kind is FaultKind.Kill or FaultKind.Stop;
}
