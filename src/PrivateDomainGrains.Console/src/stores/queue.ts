import { defineStore } from "pinia";
import { computed, reactive, ref, shallowRef } from "vue";
import { createConsoleHub, type ConnectionState, type ConsoleHub } from "../hub/connection";
import type { CloseResult, Nudge, NudgeAction, NudgeChange } from "../queue/nudge";
import { groupByCustomer } from "../queue/ordering";
import { Outbox, drainOutbox, type OutboxEntry } from "../queue/outbox";
import { useSessionStore } from "./session";

/** How long after the first connect older nudges still count as the replay of what was open, not as new. */
const replayGraceMs = 1500;
/** How long a new nudge stays highlighted. */
const freshMs = 12_000;

/**
 * The signed-in staff member's queue of open nudges: fed by the hub (replay on connect, then live), closed through
 * the durable outbox. A card leaves the queue only when the server has confirmed its Done / Not useful.
 */
export const useQueueStore = defineStore("queue", () => {
  const session = useSessionStore();
  const nudges = reactive(new Map<string, Nudge>());
  /** Actions clicked but not yet confirmed, by nudge id (mirrors the outbox). */
  const pending = reactive(new Map<string, NudgeAction>());
  /** Nudges that arrived live, highlighted for a while. */
  const fresh = reactive(new Set<string>());
  /** The last action the server refused as not this staff member's ("unknown") or malformed ("invalid"). */
  const refused = ref<{ entry: OutboxEntry; result: CloseResult } | null>(null);
  const hub = shallowRef<ConsoleHub | null>(null);
  /** Closed here and confirmed: a replay page read before the close must not bring the card back. */
  const closed = new Set<string>();
  let outbox: Outbox | null = null;
  /** When this page started connecting, and when it first got through (0: not yet). */
  let connectingSince = 0;
  let firstConnectedAt = 0;
  let draining: Promise<void> | null = null;
  let drainAgain = false;

  const connection = computed<ConnectionState>(() => hub.value?.state.value ?? "offline");
  const groups = computed(() => groupByCustomer(nudges.values()));
  /** Open nudges not already marked done or not useful. */
  const openCount = computed(() => [...nudges.keys()].filter((id) => !pending.has(id)).length);
  const pendingCount = computed(() => pending.size);

  function connect(): void {
    if (hub.value) return;
    connectingSince = Date.now();
    outbox = new Outbox(localStorage, `pdg.console.outbox:${session.tenant}/${session.staffId}`);
    syncPending();
    window.addEventListener("storage", onOtherTab);
    hub.value = createConsoleHub({
      accessToken: session.accessToken,
      onNudges: receive,
      onChanged: change,
      onConnected() {
        firstConnectedAt ||= Date.now();
        void drain();
      },
      onUnauthorized: () => void session.renew(),
    });
    hub.value.start();
  }

  async function disconnect(): Promise<void> {
    const current = hub.value;
    hub.value = null;
    window.removeEventListener("storage", onOtherTab);
    await current?.stop();
    nudges.clear();
    pending.clear();
    fresh.clear();
    closed.clear();
    outbox = null;
    connectingSince = firstConnectedAt = 0;
  }

  /**
   * New to the staff member: raised since this page opened (live, or while it was reconnecting), or arriving after the
   * first replay settled. What was already open when the page opened is the replay, not news.
   */
  function receive(arrived: Nudge[]): void {
    const replaySettled = firstConnectedAt > 0 && Date.now() - firstConnectedAt > replayGraceMs;
    for (const nudge of arrived) {
      if (closed.has(nudge.id) || nudges.has(nudge.id)) continue;
      // A snoozed nudge comes back by itself (a new `nudges` message) when its time has come.
      if (nudge.snoozedUntil && Date.parse(nudge.snoozedUntil) > Date.now()) continue;
      nudges.set(nudge.id, nudge);
      if (replaySettled || Date.parse(nudge.createdAt) > connectingSince) {
        fresh.add(nudge.id);
        setTimeout(() => fresh.delete(nudge.id), freshMs);
      }
    }
  }

  /** Closed elsewhere (another tab or device, the platform) or snoozed: off this queue. A close is for good. */
  function change(changes: NudgeChange[]): void {
    for (const c of changes) {
      if (c.closed) closed.add(c.id);
      nudges.delete(c.id);
      fresh.delete(c.id);
      if (c.closed && !outbox?.has(c.id)) pending.delete(c.id);
    }
  }

  /**
   * Snooze until `until`: sent at once (it needs the connection; a snooze is not kept for later, as the time picked
   * may have passed by then). The card leaves the queue once the hub confirms. Answers whether it did.
   */
  async function snooze(nudgeId: string, until: Date): Promise<boolean> {
    const current = hub.value;
    if (!current || current.state.value !== "connected") return false;
    const result = await current.snooze(nudgeId, until);
    if (result !== "snoozed") return false;
    nudges.delete(nudgeId);
    fresh.delete(nudgeId);
    return true;
  }

  /** Done ("ack") or Not useful ("dismiss"): kept in the outbox first, then sent when connected. */
  function act(nudgeId: string, action: NudgeAction): void {
    if (!outbox) return;
    pending.set(nudgeId, outbox.add(nudgeId, action).action);
    void drain();
  }

  /** Sends the outbox; a click during a drain is picked up by the running drain or a next round. */
  function drain(): Promise<void> {
    if (draining) {
      drainAgain = true;
      return draining;
    }
    draining = (async () => {
      do {
        drainAgain = false;
        const current = hub.value;
        if (!outbox || !current || current.state.value !== "connected") break;
        await drainOutbox(outbox, (e) => current.close(e.nudgeId, e.action), settle);
      } while (drainAgain);
    })().finally(() => (draining = null));
    return draining;
  }

  function settle(entry: OutboxEntry, result: CloseResult): void {
    closed.add(entry.nudgeId);
    nudges.delete(entry.nudgeId);
    pending.delete(entry.nudgeId);
    fresh.delete(entry.nudgeId);
    if (result === "unknown" || result === "invalid") refused.value = { entry, result };
  }

  /** Another tab of this staff member changed the outbox: what left it there was confirmed there. */
  function onOtherTab(event: StorageEvent): void {
    if (event.storageArea !== localStorage) return;
    const waiting = new Set(outbox?.entries().map((e) => e.nudgeId));
    for (const id of [...pending.keys()]) {
      if (waiting.has(id)) continue;
      closed.add(id);
      nudges.delete(id);
    }
    syncPending();
  }

  function syncPending(): void {
    const entries = outbox?.entries() ?? [];
    pending.clear();
    for (const e of entries) pending.set(e.nudgeId, e.action);
  }

  return { nudges, pending, fresh, refused, connection, groups, openCount, pendingCount, connect, disconnect, act, snooze };
});
