using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// The snapshot budget of a stopping silo (<see cref="CustomerGrainOptions.ShutdownSnapshotBudget"/>). Orleans deactivates
/// every resident grain when the silo stops; a customer with changes since its last snapshot writes one (group-committed
/// with the others, hundreds per statement) if the budget, counted from the first such deactivation, has time left, and
/// otherwise leaves them to the journal, which already holds every event and is replayed on its next activation. So a
/// stop with a million residents takes the budget plus the deactivations themselves, not a snapshot each, and none of
/// them runs into Orleans' deactivation timeout. Thread-safe; one per silo.
/// </summary>
public sealed class ShutdownSnapshots(IOptions<CustomerGrainOptions> options, TimeProvider time, ILogger<ShutdownSnapshots> logger) : IDisposable
{
    private long _deadline;
    private long _written;
    private long _skipped;

    /// <summary>
    /// Whether a customer deactivating because the silo stops may still snapshot; the first call starts the budget.
    /// Counts the answer (see <see cref="Dispose"/>).
    /// </summary>
    internal bool MaySnapshot()
    {
        var now = time.GetTimestamp();
        if (Interlocked.Read(ref _deadline) == 0)
        {
            var deadline = now + (long)(options.Value.ShutdownSnapshotBudget.TotalSeconds * time.TimestampFrequency);
            if (Interlocked.CompareExchange(ref _deadline, deadline, 0) == 0)
                logger.LogInformation("Stopping: resident customers snapshot for at most {Budget}, the rest replay their journal on next activation",
                    options.Value.ShutdownSnapshotBudget);
        }
        if (now < Interlocked.Read(ref _deadline))
        {
            Interlocked.Increment(ref _written);
            return true;
        }
        Interlocked.Increment(ref _skipped);
        return false;
    }

    /// <summary>At the end of the silo's life: how the budget went, one line.</summary>
    public void Dispose()
    {
        if (Interlocked.Read(ref _deadline) == 0) return;
        logger.LogInformation("Stopping: {Snapshotted} customers snapshotted within the budget, {Skipped} left to their journal",
            Interlocked.Read(ref _written), Interlocked.Read(ref _skipped));
    }
}
