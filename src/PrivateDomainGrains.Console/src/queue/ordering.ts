import type { Nudge } from "./nudge";

/** Most urgent first: higher priority, then the oldest (it has waited longest), then by id so the order is stable. */
export function compareUrgency(a: Nudge, b: Nudge): number {
  return b.priority - a.priority || Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** One customer's open nudges, most urgent first. */
export interface CustomerGroup {
  customerId: string;
  /** The display name its most urgent nudge that carries one gives; null when none does. */
  customerName: string | null;
  nudges: Nudge[];
}

/**
 * Groups nudges by customer. Groups are ordered by their most urgent nudge, so the customer who needs attention
 * most comes first, and each group lists its nudges most urgent first.
 */
export function groupByCustomer(nudges: Iterable<Nudge>): CustomerGroup[] {
  const sorted = [...nudges].sort(compareUrgency);
  const groups = new Map<string, CustomerGroup>();
  for (const nudge of sorted) {
    let group = groups.get(nudge.customerId);
    if (!group) groups.set(nudge.customerId, (group = { customerId: nudge.customerId, customerName: null, nudges: [] }));
    group.nudges.push(nudge);
    group.customerName ||= nudge.customerName ?? null;
  }
  return [...groups.values()];
}
