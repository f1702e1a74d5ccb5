using Npgsql;
using static PrivateDomainGrains.Persistence.Statements.Parameters;

namespace PrivateDomainGrains.Persistence.Statements;

/// <summary>
/// The webhook outbox (<c>pdg_webhook_deliveries</c>, see <see cref="WebhookDeliveries"/>): one row per notification
/// and enabled subscription of its tenant whose event types take it, added in the group commit's transaction after the
/// statements that raised and closed the nudges, so a notification exists exactly when its change committed.
/// <list type="bullet">
/// <item><c>nudge.raised</c> for each nudge of the flush (held-out ones excepted), read back from <c>pdg_nudges</c>:
/// an already stored nudge conflicts on its notification id (<c>nudge.raised:{nudgeId}</c>) and adds nothing.</item>
/// <item><c>nudge.closed</c> for each nudge an acknowledgement or a platform close named that is closed now, with how
/// and by whom as stored: a nudge closes once, so its notification id (<c>nudge.closed:{nudgeId}</c>) is once too.</item>
/// <item><c>customer.{kind}</c> for each customer change (<see cref="CustomerChangeKinds"/>: customer.tag-added,
/// customer.owner-changed, ...), its detail as data. A merge and its undoing are not the group commit's: they add this
/// statement to their own transaction (<see cref="CustomerMerges"/>), changes only.</item>
/// </list>
/// </summary>
internal static class WebhookStatements
{
    private const string NudgeData = """
        jsonb_build_object('nudgeId', n.nudge_id, 'customerId', n.customer_id, 'staffId', n.staff_id, 'kind', n.kind, 'title', n.title,
            'text', n.body, 'reason', n.reason, 'priority', n.priority, 'source', n.source, 'eventId', n.event_id, 'createdAt', n.created_at,
            'expiresAt', n.expires_at)
        """;

    private static readonly string NotifySql = $"""
        WITH subscribed AS (SELECT DISTINCT tenant FROM pdg_webhook_subscriptions WHERE enabled),
        notifications AS (
            SELECT n.tenant, 'nudge.raised' AS type, 'nudge.raised:' || n.nudge_id AS notification_id, n.customer_id, n.created_at AS occurred_at,
                {NudgeData} AS data
            FROM unnest($1::text[], $2::text[]) AS k(tenant, nudge_id)
            JOIN pdg_nudges n ON n.tenant = k.tenant AND n.nudge_id = k.nudge_id
            WHERE k.tenant IN (SELECT tenant FROM subscribed) AND n.variant IS DISTINCT FROM 'holdout'
            UNION ALL
            SELECT n.tenant, 'nudge.closed', 'nudge.closed:' || n.nudge_id, n.customer_id, n.acked_at,
                {NudgeData} || jsonb_build_object('how', n.closed_how, 'closedBy', n.closed_by, 'closedAt', n.acked_at)
            FROM unnest($3::text[], $4::text[]) AS k(tenant, nudge_id)
            JOIN pdg_nudges n ON n.tenant = k.tenant AND n.nudge_id = k.nudge_id
            WHERE k.tenant IN (SELECT tenant FROM subscribed) AND n.acked_at IS NOT NULL AND n.variant IS DISTINCT FROM 'holdout'
            UNION ALL
            SELECT c.tenant, 'customer.' || c.kind, c.id, c.customer_id, c.at, jsonb_build_object('customerId', c.customer_id) || c.detail
            FROM unnest($5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::jsonb[]) AS c(tenant, customer_id, id, at, kind, detail)
            WHERE c.tenant IN (SELECT tenant FROM subscribed))
        INSERT INTO pdg_webhook_deliveries (tenant, subscription_id, notification_id, type, customer_id, occurred_at, data)
        SELECT s.tenant, s.subscription_id, x.notification_id, x.type, x.customer_id, x.occurred_at, x.data
        FROM notifications x
        JOIN pdg_webhook_subscriptions s ON s.tenant = x.tenant AND s.enabled
            AND (x.type = ANY (s.event_types) OR split_part(x.type, '.', 1) || '.*' = ANY (s.event_types) OR '*' = ANY (s.event_types))
        ORDER BY x.occurred_at
        ON CONFLICT (tenant, subscription_id, notification_id) DO NOTHING
        """;

    /// <summary>
    /// The outbox rows of a flush: <paramref name="raised"/> and <paramref name="closed"/> are (tenant, nudge id) keys
    /// offered to the flush, <paramref name="changes"/> its customer changes (each gets a fresh notification id).
    /// </summary>
    public static NpgsqlBatchCommand Notify(IReadOnlyList<(string Tenant, string NudgeId)> raised, IReadOnlyList<(string Tenant, string NudgeId)> closed,
        IReadOnlyList<CustomerChangeRow> changes) => new(NotifySql)
    {
        Parameters =
        {
            Text(raised.Select(r => r.Tenant)),
            Text(raised.Select(r => r.NudgeId)),
            Text(closed.Select(r => r.Tenant)),
            Text(closed.Select(r => r.NudgeId)),
            Text(changes.Select(c => c.Tenant)),
            Text(changes.Select(c => c.CustomerId)),
            Text(changes.Select(c => $"customer.{c.Kind}:{Guid.CreateVersion7():N}")),
            Timestamps(changes.Select(c => c.At)),
            Text(changes.Select(c => c.Kind)),
            Jsonb(changes.Select(c => c.Detail)),
        },
    };
}
