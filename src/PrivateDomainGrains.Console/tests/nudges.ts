import type { Nudge } from "../src/queue/nudge";

/** A nudge as the hub sends it, with what a test does not care about filled in. */
export function nudge(id: string, customerId: string, priority: number, createdAt: string): Nudge {
  return {
    id,
    tenant: "acme",
    customerId,
    staffId: "alice",
    kind: "reply",
    title: `Reply to ${customerId}`,
    text: "Reply now.",
    reason: "message.received is unanswered",
    priority,
    createdAt,
    eventId: null,
    suggested: null,
    explanation: null,
  };
}
