using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Reports;

/// <summary>
/// The chaos preset's findings: the event ledger against the journal, nudges against the inbox, silences of connected
/// consoles, and per fault how the consoles and the API fared. Times in seconds from the start of the run's schedule.
/// </summary>
public sealed record ChaosFigures(
    IReadOnlyList<string> Nodes,
    string Schedule,
    EventLedgerResult Ledger,
    ChaosNudgeFigures Nudges,
    SilenceFigures Silence,
    IReadOnlyList<FaultFigures> Faults,
    IReadOnlyList<TargetCheck> Targets);

/// <param name="Expected">Measured events in the journal whose rule raises a nudge for an owner with a console.</param>
/// <param name="Delivered">Reached a console of the owner (pushed live or replayed on connect).</param>
/// <param name="HeldOpen">Not delivered but open in pdg_nudges: the owner gets it on the next connect; never pushed live.</param>
/// <param name="Lost">Neither delivered nor open (no row for its event, or a closed row no console of the tool received).</param>
/// <param name="Duplicated">Pushed twice to one console: again on the same connection, or again after its Ack was confirmed.</param>
/// <param name="ReplayedWhileOpen">Sent again on a new connection before any Ack of it was confirmed (at-least-once; not a duplicate).</param>
/// <param name="Misrouted">Reached a console of a staff member who does not own the customer.</param>
public sealed record ChaosNudgeFigures(
    long Expected,
    long Delivered,
    long HeldOpen,
    long Lost,
    long LostWithoutRow,
    long LostClosedUnseen,
    long Duplicated,
    long DuplicatedSameConnection,
    long DuplicatedAfterAck,
    long ReplayedWhileOpen,
    long Misrouted,
    long WrongKind,
    long Unexpected,
    IReadOnlyList<string> LostSample,
    IReadOnlyList<string> HeldSample,
    IReadOnlyList<DuplicateFigure> DuplicateSample);

/// <summary>A nudge pushed twice to one console: when (seconds from the start) and on which SignalR connection.</summary>
public sealed record DuplicateFigure(string NudgeId, int Console, string? FirstConnection, double FirstAtSeconds, string? AgainConnection, double AgainAtSeconds);

/// <param name="Owed">(console connection, nudge) pairs: the nudge was raised for the console's staff member while it was connected.</param>
/// <param name="NotWhileConnected">Of those, not received before that connection dropped or the run ended.</param>
/// <param name="Waits">From a nudge's creation to its arrival on the connection that was up then (or its drop, or the end).</param>
/// <param name="LongestWait">The single longest of those waits.</param>
/// <param name="LongestSilence">The longest stretch a connected console was owed a nudge and received nothing at all.</param>
public sealed record SilenceFigures(
    long Owed,
    long NotWhileConnected,
    LatencySummary Waits,
    long WaitsOver2Seconds,
    long WaitsOver10Seconds,
    WaitFigure? LongestWait,
    GapFigure? LongestSilence);

public sealed record WaitFigure(int Console, string Staff, string Node, string NudgeId, double CreatedAtSeconds, double Seconds, bool Arrived);

public sealed record GapFigure(int Console, string Staff, string Node, double FromSeconds, double Seconds);

/// <param name="Target">The node's host:port, or PostgreSQL.</param>
/// <param name="DownAfterSeconds">From injection to the process gone / PostgreSQL stopped.</param>
/// <param name="BackAfterSeconds">From injection to healthy again.</param>
/// <param name="Surviving">Consoles on the nodes that stayed up (all of them for a PostgreSQL restart).</param>
/// <param name="LostNode">Consoles on the node that went down.</param>
public sealed record FaultFigures(
    int Number,
    string Kind,
    string Target,
    double AtSeconds,
    double? DownAfterSeconds,
    double? BackAfterSeconds,
    string? Error,
    double WindowSeconds,
    GroupFigures Surviving,
    GroupFigures LostNode,
    int ConsolesDisconnected,
    IReadOnlyList<StatusCount> HttpFailures,
    double? FirstFailureAfterSeconds,
    double? LastFailureAfterSeconds,
    long EventsDue,
    long EventsUnacknowledged,
    double? MaxAckSeconds);

/// <param name="MaxSilenceSeconds">The longest silence after the fault of any console in the group (see <see cref="FaultRecovery"/>).</param>
/// <param name="OverTarget">Consoles silent longer than the target or not resumed in the window (null: no target for this fault kind).</param>
public sealed record GroupFigures(
    int Consoles,
    int WithNudges,
    int NotResumed,
    double? MaxSilenceSeconds,
    double? MedianSilenceSeconds,
    int? OverTarget,
    double? TargetSeconds,
    int Dropped,
    int NotReconnected,
    double? MaxReconnectSeconds);

/// <summary>One of an issue's targets (issue 9 for chaos, 19 for soak) and whether this run met it.</summary>
/// <param name="Timed">
/// A target on time (a silence, a latency, a pause): only a machine the run has to itself can judge it, so tests that run
/// beside other work check the untimed targets and leave these to the tool's reports (README "Losing a node").
/// </param>
public sealed record TargetCheck(string What, string Target, string Measured, bool Met, bool Timed = false);
