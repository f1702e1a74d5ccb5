using PrivateDomainGrains.Core.Campaigns;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>What the grain asks the engine to decide on. Every input also runs whatever timers are due at the context's now.</summary>
public abstract record EngineInput
{
    /// <summary>
    /// An already-validated event; <paramref name="journalSequence"/> is its position in the event journal. A
    /// <paramref name="history"/> event (a backfill, or one that arrived long after its time) builds the profile but
    /// raises no nudge, starts no SOP and runs no timer.
    /// </summary>
    public static EngineInput FromEvent(CustomerEvent e, long journalSequence = 0, bool history = false) => new EventInput(e, journalSequence, history);

    /// <summary>Staff (or an integration) added or removed a tag by hand.</summary>
    public static EngineInput FromTag(string tag, bool added, DateTimeOffset at) => new TagInput(tag, added, at);

    /// <summary>The customer's due time (<see cref="Decision.NextDueAt"/>) has come.</summary>
    public static readonly EngineInput Timer = new TimerInput();

    /// <summary>The owner acted on, dismissed or ignored a nudge.</summary>
    public static EngineInput FromOutcome(string nudgeId, NudgeOutcome outcome) => new OutcomeInput(nudgeId, outcome);

    /// <summary>A campaign reaches this customer: one proactive nudge to the owner, judged by the contact policy like any other.</summary>
    public static EngineInput FromCampaign(string campaignId, CampaignScript script) => new CampaignInput(campaignId, script);
}

public sealed record EventInput(CustomerEvent Event, long JournalSequence, bool History = false) : EngineInput;

public sealed record TagInput(string Tag, bool Added, DateTimeOffset At) : EngineInput;

public sealed record TimerInput : EngineInput;

public sealed record OutcomeInput(string NudgeId, NudgeOutcome Outcome) : EngineInput;

public sealed record CampaignInput(string CampaignId, CampaignScript Script) : EngineInput;
