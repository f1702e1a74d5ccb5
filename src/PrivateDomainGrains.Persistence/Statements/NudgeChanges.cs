namespace PrivateDomainGrains.Persistence.Statements;

/// <summary>
/// Everything one group commit changes on one existing nudge, stored by one UPDATE (<see cref="NudgeStatements.ChangeNudges"/>)
/// so the nudge gets one row version per flush, not one per kind of change: its staff member's close, the platform's
/// close, the first delivery and opening, the last snooze, and per outcome the first credit (to a nudge acted on) and
/// the first conversion (after raising) among the flush's writes. Any of them may be missing.
/// </summary>
internal sealed record NudgeChanges(string Tenant, string NudgeId)
{
    public NudgeAck? Ack { get; set; }
    public NudgeClose? Close { get; set; }
    public NudgeMark? Delivered { get; set; }
    public NudgeMark? Opened { get; set; }
    public NudgeMark? Snooze { get; set; }
    public NudgeCreditRow? Reply { get; set; }
    public NudgeCreditRow? ReplyConversion { get; set; }
    public NudgeCreditRow? Order { get; set; }
    public NudgeCreditRow? OrderConversion { get; set; }

    /// <summary>
    /// One <see cref="NudgeChanges"/> per nudge of the writes' closes, marks, credits and conversions, in queue order: the
    /// first close of each kind, the earliest delivery and opening, the last snooze, the first credit and conversion per outcome.
    /// </summary>
    public static List<NudgeChanges> Of(IEnumerable<WriteRequest> writes)
    {
        var rows = new Dictionary<(string, string), NudgeChanges>();
        NudgeChanges Row(string tenant, string nudgeId) =>
            rows.TryGetValue((tenant, nudgeId), out var row) ? row : rows[(tenant, nudgeId)] = new NudgeChanges(tenant, nudgeId);
        foreach (var write in writes)
        {
            foreach (var a in write.Acks) Row(a.Tenant, a.NudgeId).Ack ??= a;
            foreach (var c in write.Closes) Row(c.Tenant, c.NudgeId).Close ??= c;
            foreach (var m in write.Marks)
            {
                var row = Row(m.Tenant, m.NudgeId);
                switch (m.Kind)
                {
                    case NudgeMarkKind.Delivered when row.Delivered is null || m.At < row.Delivered.At: row.Delivered = m; break;
                    case NudgeMarkKind.Opened when row.Opened is null || m.At < row.Opened.At: row.Opened = m; break;
                    case NudgeMarkKind.Snoozed: row.Snooze = m; break;
                }
            }
            foreach (var c in write.Credits)
            {
                var row = Row(c.Tenant, c.NudgeId);
                if (c.Outcome == "replied") row.Reply ??= c;
                else if (c.Outcome == "ordered") row.Order ??= c;
            }
            foreach (var c in write.Conversions)
            {
                var row = Row(c.Tenant, c.NudgeId);
                if (c.Outcome == "replied") row.ReplyConversion ??= c;
                else if (c.Outcome == "ordered") row.OrderConversion ??= c;
            }
        }
        return [.. rows.Values];
    }
}
