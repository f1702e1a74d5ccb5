import type { CloseResult, NudgeAction } from "./nudge";

/** A Done / Not useful the server has not confirmed yet. */
export interface OutboxEntry {
  nudgeId: string;
  action: NudgeAction;
  /** When it was clicked (ISO 8601). */
  at: string;
}

/** The part of the Web Storage API the outbox needs (localStorage in the browser, a Map in the unit tests). */
export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/**
 * The durable client outbox: every Done / Not useful is written here before it is sent and removed only when the
 * hub has answered, so an action clicked while disconnected, or whose answer was lost, survives a reload and is sent
 * again. The server closes a nudge at most once ("already-closed" on a resend), so resending is safe.
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

  /** Records the action; a nudge keeps its first action (a second click on the same card changes nothing). */
  add(nudgeId: string, action: NudgeAction, at: Date = new Date()): OutboxEntry {
    const entries = this.entries();
    const existing = entries.find((e) => e.nudgeId === nudgeId);
    if (existing) return existing;
    const entry: OutboxEntry = { nudgeId, action, at: at.toISOString() };
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
  return typeof e === "object" && e !== null && typeof e.nudgeId === "string" && (e.action === "ack" || e.action === "dismiss") && typeof e.at === "string";
}

/**
 * Sends the outbox in click order, one at a time. An entry leaves the outbox only once the server answered (any
 * answer is final: closed, already closed, unknown or invalid); the first failure (the connection dropped) stops
 * the drain and leaves that entry and the rest for the next one.
 * @returns the entries settled, with the server's answer.
 */
export async function drainOutbox(
  outbox: Outbox,
  send: (entry: OutboxEntry) => Promise<CloseResult>,
  onSettled: (entry: OutboxEntry, result: CloseResult) => void = () => {},
): Promise<Array<[OutboxEntry, CloseResult]>> {
  const settled: Array<[OutboxEntry, CloseResult]> = [];
  const tried = new Set<string>();
  for (;;) {
    // Re-read each time: entries added while draining (or by another tab) are picked up, removed ones skipped.
    const next = outbox.entries().find((e) => !tried.has(e.nudgeId));
    if (!next) return settled;
    tried.add(next.nudgeId);
    let result: CloseResult;
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
