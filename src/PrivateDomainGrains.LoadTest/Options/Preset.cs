namespace PrivateDomainGrains.LoadTest.Options;

/// <summary>A named scenario: it sets defaults (every one can still be overridden) and the shape of the arrival schedule.</summary>
public enum Preset
{
    /// <summary>Constant rate for the whole run.</summary>
    Steady,
    /// <summary>Constant rate with 30 s at ten times the rate in the middle of the measured period.</summary>
    Spike,
    /// <summary>One page.viewed per customer, once, to measure how fast and how heavy activating N customers is.</summary>
    Activate,
    /// <summary>
    /// Staff handover under load: the steady load, and during it every customer of staff-0 handed to staff-1; measures how
    /// long the handover takes and whether the moved customers' next nudges reach the new owner.
    /// </summary>
    Handover,
    /// <summary>
    /// Time-triggered nudges at scale: a playbook timer rule falls due for every provisioned customer at one moment
    /// (or over a window) after provisioning; measures how many fire, how late, and what the host holds meanwhile.
    /// </summary>
    Timers,
    /// <summary>
    /// Faults under load: the tool starts PostgreSQL and several nodes, sends events and acts on every nudge, and on a
    /// schedule kills a node (SIGKILL), stops one (SIGTERM) and restarts PostgreSQL; measures what was lost, duplicated or
    /// misrouted and how long consoles went without their nudges.
    /// </summary>
    Chaos,
    /// <summary>
    /// A rolling restart under load: the chaos preset's cluster and accounting, and one fault per node, each a graceful
    /// stop (SIGTERM) and an immediate start, the next node only once the previous one is back; measures what was lost
    /// or duplicated and how long consoles went without their nudges (issue 16).
    /// </summary>
    Rolling,
    /// <summary>
    /// A noisy neighbour: tenant B sends a steady load while, after a quiet phase, tenant A floods sign-in with wrong
    /// passwords, posts malformed events and a burst of valid ones; measures B's ingest latency quiet against flood.
    /// </summary>
    Noisy,
    /// <summary>
    /// Long-run tail latency: several tenants on the same nodes, many resident customers, a high steady rate for minutes,
    /// consoles acting on every nudge; reports event to console p99 second by second, the worst second, GC pauses, the
    /// thread pool's queue and host and PostgreSQL CPU per 1,000 durable events (issue 19).
    /// </summary>
    Soak,
}
