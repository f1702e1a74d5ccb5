/** A nudge as the console hub sends it (`nudges` messages carry arrays of these; see README "Console"). */
export interface Nudge {
  id: string;
  tenant: string;
  customerId: string;
  staffId: string;
  /** welcome, reply, customer-lost, or a playbook's own kind. */
  kind: string;
  title: string;
  /** What to do, in the playbook's words. */
  text: string;
  /** Why now, in the playbook's words; may contain event types and UTC times ("friend.added at 2025-03-03 03:00:00Z"). */
  reason: string;
  /** Higher is more urgent (the default playbook: lost 90, reply 80, welcome 70). */
  priority: number;
  /** ISO 8601. */
  createdAt: string;
  eventId: string | null;
  /** A script the staff member could send as is. */
  suggested: string | null;
  /** The engine's account: "rule (trigger): score ...; raised", then "\nvs " and each alternative. */
  explanation: string | null;
  /** The customer's display name; null when unknown (show the id). */
  customerName?: string | null;
  /** ISO 8601: hidden from the queue until then; null when not snoozed. */
  snoozedUntil?: string | null;
  /** The rule, `sequence/step` or `campaign:{id}` that raised it. */
  source?: string | null;
  /** A campaign's nudge: the campaign's name (staff cannot read the campaign list); null otherwise. */
  campaignName?: string | null;
}

/** The hub's `changed` message: a nudge closed (how: done, not-useful, done-by-action, obsolete, expired, moved) or was snoozed. */
export interface NudgeChange {
  id: string;
  closed: string | null;
  snoozedUntil: string | null;
}

/** The hub's answer to Snooze: "snoozed"; "unknown" (not an open nudge of this staff member); "invalid" (a bad id or time). */
/** The hub's `replaying` message, on every connect before the replay: how many open nudges it brings (shown, and snoozed until later). */
export interface ReplayTotals {
  open: number;
  snoozed: number;
}

export type SnoozeResult = "snoozed" | "unknown" | "invalid";

/** What the staff member did with a nudge: Done (`Ack`) or Not useful (`Dismiss`). */
export type NudgeAction = "ack" | "dismiss";

/** Everything a card's buttons send through the outbox: a close, or a snooze (`Snooze`, with its time). */
export type QueuedAction = NudgeAction | "snooze";

/**
 * The hub's answer to Ack / Dismiss. "closed": this call closed it; "already-closed": an earlier call did (a resend,
 * success); "unknown": not an open nudge of this staff member (e.g. handed over); "invalid": not a valid id.
 */
export type CloseResult = "closed" | "already-closed" | "unknown" | "invalid";
