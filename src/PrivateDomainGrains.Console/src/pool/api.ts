import { send } from "../api/client";

/** A customer a pending event's nickname may name; `similarity` 0-1 (1: the same folded name). */
export interface PendingCandidate {
  customerId: string;
  displayName: string | null;
  owner: string | null;
  lastInteractionAt: string | null;
  similarity: number;
}

/** An event of the pending pool (GET /api/v1/console/pool): what it named its customer by, and its payload. */
export interface PendingEvent {
  eventId: string;
  type: string;
  at: string;
  channel: string | null;
  staffId: string | null;
  text: string | null;
  data: Record<string, string> | null;
  identities: Record<string, string>;
  /** unknown-identity or nickname-only. */
  reason: string;
  state: "pending" | "attached" | "dismissed";
  customerId: string | null;
  receivedAt: string;
  /** Read alone (GET one), a pending nickname event's candidates, most similar name first, then most recently active, then owned. */
  candidates: PendingCandidate[];
}

const poolPath = "/api/v1/console/pool";
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The console's pending pool (managers and admins; 403 for staff). */
export const pool = {
  /** The next page of pending events, oldest first (`after`: the previous page's `nextAfter`). */
  page(token: string, after?: string): Promise<{ items: PendingEvent[]; nextAfter: string | null }> {
    const query = new URLSearchParams({ limit: "20", ...(after ? { after } : {}) });
    return send(`${poolPath}?${query}`, { headers: bearer(token) });
  },

  /** One event with its candidates. */
  get(token: string, eventId: string): Promise<PendingEvent> {
    return send(`${poolPath}/${encodeURIComponent(eventId)}`, { headers: bearer(token) });
  },

  /** Attaches the event to a customer the user may see: it reaches that customer as if it had named it. */
  attach(token: string, eventId: string, customerId: string): Promise<PendingEvent> {
    return send(`${poolPath}/${encodeURIComponent(eventId)}/attach`, {
      method: "POST",
      headers: { ...bearer(token), "Content-Type": "application/json" },
      body: JSON.stringify({ customerId }),
    });
  },

  /** Dismisses the event: it reaches no customer. */
  dismiss(token: string, eventId: string): Promise<PendingEvent> {
    return send(`${poolPath}/${encodeURIComponent(eventId)}/dismiss`, { method: "POST", headers: bearer(token) });
  },
};

/** A line summing up an event's payload for the list: order id and amount first, then the rest, then its text. */
export function payloadSummary(event: Pick<PendingEvent, "data" | "text">): string {
  const data = event.data ?? {};
  const first = ["orderId", "amount", "currency"].filter((k) => k in data).map((k) => data[k]);
  const rest = Object.entries(data)
    .filter(([k]) => !["orderId", "amount", "currency"].includes(k))
    .map(([k, v]) => `${k}=${v}`);
  return [...first, ...rest, ...(event.text ? [event.text] : [])].join(" · ");
}
