import type { CloseResult, QueuedAction, SnoozeResult } from "./nudge";

/** A Done / Not useful / Snooze the server has not confirmed yet. */
export interface OutboxEntry {
  nudgeId: string;
  action: QueuedAction;
  /** When it was clicked (ISO 8601). */
  at: string;
  /** A snooze's time (ISO 8601); absent for Done and Not useful. */
  until?: string;
}

/** What the hub answered to an entry: a close's or a snooze's answer. */
export type OutboxResult = CloseResult | SnoozeResult;

/** The part of the Web Storage API the outbox needs (localStorage in the browser, a Map in the unit tests). */
export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/**
 * The durable client outbox: every Done / Not useful / Snooze is written here before it is sent and removed only when
 * the hub has answered, so an action clicked while disconnected, or whose answer was lost, survives a reload and is
 * sent again. Resending is safe: the server closes a nudge at most once ("already-closed" on a resend), and a second
 * snooze to the same time changes nothing.
 * Every operation reads and writes storage, so two tabs of the same staff member share one outbox.
 */
export class Outbox {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
  ) {}

  /** The entries in click order. */
  entries(): OutboxEntry[] {
    const raw = this.storage.getItem(this.key);
    if (!raw) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  has(nudgeId: string): boolean {
    return this.entries().some((e) => e.nudgeId === nudgeId);
  }

  /**
   * Records the action; a nudge keeps its first action (a second click on the same card changes nothing).
   * @param until a snooze's time (required for "snooze", ignored otherwise).
   */
  add(nudgeId: string, action: QueuedAction, at: Date = new Date(), until?: Date): OutboxEntry {
    const entries = this.entries();
    const existing = entries.find((e) => e.nudgeId === nudgeId);
    if (existing) return existing;
    if (action === "snooze" && !until) throw new Error("A snooze needs its time");
    const entry: OutboxEntry = action === "snooze" ? { nudgeId, action, at: at.toISOString(), until: until!.toISOString() } : { nudgeId, action, at: at.toISOString() };
    this.write([...entries, entry]);
    return entry;
  }

  remove(nudgeId: string): void {
    const entries = this.entries();
    const kept = entries.filter((e) => e.nudgeId !== nudgeId);
    if (kept.length !== entries.length) this.write(kept);
  }

  private write(entries: OutboxEntry[]): void {
    if (entries.length === 0) this.storage.removeItem(this.key);
    else this.storage.setItem(this.key, JSON.stringify(entries));
  }
}

function isEntry(value: unknown): value is OutboxEntry {
  const e = value as OutboxEntry;
  if (typeof e !== "object" || e === null || typeof e.nudgeId !== "string" || typeof e.at !== "string") return false;
  return e.action === "ack" || e.action === "dismiss" || (e.action === "snooze" && typeof e.until === "string" && !Number.isNaN(Date.parse(e.until)));
}

/**
 * Sends the outbox in click order, one at a time. An entry leaves the outbox only once the server answered (any
 * answer is final: closed, already closed, snoozed, unknown or invalid); the first failure (the connection dropped) stops
 * the drain and leaves that entry and the rest for the next one.
 * @returns the entries settled, with the server's answer.
 */
export async function drainOutbox(
  outbox: Outbox,
  send: (entry: OutboxEntry) => Promise<OutboxResult>,
  onSettled: (entry: OutboxEntry, result: OutboxResult) => void = () => {},
): Promise<Array<[OutboxEntry, OutboxResult]>> {
  const settled: Array<[OutboxEntry, OutboxResult]> = [];
  const tried = new Set<string>();
  for (;;) {
    // Re-read each time: entries added while draining (or by another tab) are picked up, removed ones skipped.
    const next = outbox.entries().find((e) => !tried.has(e.nudgeId));
    if (!next) return settled;
    tried.add(next.nudgeId);
    let result: OutboxResult;
    try {
      result = await send(next);
    } catch {
      return settled;
    }
    outbox.remove(next.nudgeId);
    settled.push([next, result]);
    onSettled(next, result);
  }
}
