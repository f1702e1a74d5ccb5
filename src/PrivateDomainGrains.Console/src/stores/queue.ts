import { defineStore } from "pinia";
import { computed, reactive, ref, shallowRef } from "vue";
import { createConsoleHub, type ConnectionState, type ConsoleHub } from "../hub/connection";
import { Freshness } from "../queue/freshness";
import type { Nudge, NudgeChange, QueuedAction } from "../queue/nudge";
import { groupByCustomer } from "../queue/ordering";
import { Openings } from "../queue/openings";
import { Outbox, drainOutbox, type OutboxEntry, type OutboxResult } from "../queue/outbox";
import { useCampaignNamesStore } from "./campaignNames";
import { useSessionStore } from "./session";

/** How long a new nudge stays highlighted. */
const freshMs = 12_000;
/** How long the last page leaving the connection waits for the hub to answer the openings just sent, before it closes. */
const openingsWaitMs = 2000;
/** The longest wait setTimeout keeps (about 24.8 days; a snooze may reach 30): a later wake is planned again then. */
const longestTimerMs = 2 ** 31 - 1;

/**
 * The signed-in staff member's queue of open nudges: fed by the hub (replay on connect, then live), closed through
 * the durable outbox. A card leaves the queue only when the server has confirmed its Done / Not useful / Snooze; a
 * snoozed card comes back by itself at its time (the server does not send it again until the next connect). The queue
 * and a customer's page share the one connection: going from one to the other keeps it (nothing replayed again).
 */
export const useQueueStore = defineStore("queue", () => {
  const session = useSessionStore();
  const campaignNames = useCampaignNamesStore();
  const nudges = reactive(new Map<string, Nudge>());
  /** Actions clicked but not yet confirmed, by nudge id (mirrors the outbox). */
  const pending = reactive(new Map<string, OutboxEntry>());
  /** Nudges that arrived live, highlighted for a while. */
  const fresh = reactive(new Set<string>());
  /**
   * The last answer the staff member should hear of: every snooze's (snoozed, or refused as no longer theirs or as a
   * time that passed while offline), and a close refused as not theirs ("unknown") or malformed ("invalid").
   */
  const notice = ref<{ entry: OutboxEntry; result: OutboxResult } | null>(null);
  const hub = shallowRef<ConsoleHub | null>(null);
  /** Closed here and confirmed: a replay page read before the close must not bring the card back. */
  const closed = new Set<string>();
  /** Snoozed nudges, off the queue until their `snoozedUntil`. */
  const snoozed = reactive(new Map<string, Nudge>());
  let wakeTimer: ReturnType<typeof setTimeout> | undefined;
  let outbox: Outbox | null = null;
  /** What is news to this console: after its first replay, what it has not shown. */
  let freshness = new Freshness();
  /** The pages using the connection (the queue, a customer's page): it closes when the last one has left. */
  let users = 0;
  let draining: Promise<void> | null = null;
  /** Kept across visits of the queue (not cleared on disconnect): back from a customer, nothing is sent again. */
  const openings = new Openings();
  /** Openings sent and not answered yet: leaving the queue waits for them (briefly) before closing the connection. */
  const sendingOpenings = new Set<Promise<unknown>>();
  let drainAgain = false;
  /**
   * While a connect's replay arrives: how many open nudges the hub said it brings (its first message), less those that
   * left since; null once the replay has ended. The count shows it from the start, not the pages as they come.
   */
  const replayOpen = ref<number | null>(null);

  const connection = computed<ConnectionState>(() => hub.value?.state.value ?? "offline");
  const groups = computed(() => groupByCustomer(nudges.values()));
  /** Open nudges not already marked done or not useful; during a replay, the hub's total until more have arrived. */
  const openCount = computed(() => {
    const waiting = [...nudges.keys()].filter((id) => pending.has(id)).length;
    return Math.max(nudges.size, replayOpen.value ?? 0) - waiting;
  });
  const replaying = computed(() => replayOpen.value !== null);
  const pendingCount = computed(() => pending.size);

  function connect(): void {
    users++;
    if (hub.value) return;
    freshness = new Freshness();
    outbox = new Outbox(localStorage, `pdg.console.outbox:${session.tenant}/${session.staffId}`);
    syncPending();
    window.addEventListener("storage", onOtherTab);
    hub.value = createConsoleHub({
      accessToken: session.accessToken,
      onReplaying(totals) {
        replayOpen.value = totals.open;
      },
      onNudges: receive,
      onChanged: change,
      onConnected() {
        const connected = hub.value;
        void connected?.replayed().then(
          () => {
            if (connected !== hub.value) return;
            freshness.replayEnded();
            replayOpen.value = null;
          },
          () => {},
        );
        void drain();
      },
      onUnauthorized: () => void session.renew(),
    });
    hub.value.start();
  }

  /** A page stops using the connection; the last one closes it, once the next page (mounted in the same turn) has not taken it over. */
  async function disconnect(): Promise<void> {
    users = Math.max(0, users - 1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (users > 0) return;
    // Openings just sent must reach the hub before the connection goes.
    if (sendingOpenings.size > 0)
      await Promise.race([Promise.allSettled([...sendingOpenings]), new Promise((resolve) => setTimeout(resolve, openingsWaitMs))]);
    if (users > 0) return;
    const current = hub.value;
    hub.value = null;
    window.removeEventListener("storage", onOtherTab);
    // Cleared before the stop is awaited: a page connecting meanwhile starts a connection (and an outbox) of its own.
    clearTimeout(wakeTimer);
    snoozed.clear();
    nudges.clear();
    pending.clear();
    fresh.clear();
    closed.clear();
    replayOpen.value = null;
    outbox = null;
    await current?.stop();
  }

  /**
   * New to the staff member (`Freshness`): after the first replay, what this console has not shown, however late that
   * replay arrives. What was already open when it connected is the replay, not news.
   */
  function receive(arrived: Nudge[]): void {
    campaignNames.rememberNamed(arrived);
    for (const nudge of arrived) {
      if (closed.has(nudge.id) || nudges.has(nudge.id)) continue;
      const news = freshness.arrived(nudge.id);
      if (nudge.snoozedUntil && Date.parse(nudge.snoozedUntil) > Date.now()) {
        hide(nudge, nudge.snoozedUntil);
        continue;
      }
      // The server's word on a replay: a nudge kept aside here as snoozed is not snoozed any more.
      snoozed.delete(nudge.id);
      nudges.set(nudge.id, nudge);
      if (news) highlight(nudge.id);
    }
  }

  function highlight(nudgeId: string): void {
    fresh.add(nudgeId);
    setTimeout(() => fresh.delete(nudgeId), freshMs);
  }

  /** Off the queue until `until` (ISO 8601), then back by itself, highlighted. */
  function hide(nudge: Nudge, until: string): void {
    nudges.delete(nudge.id);
    fresh.delete(nudge.id);
    snoozed.set(nudge.id, { ...nudge, snoozedUntil: until });
    planWake();
  }

  function planWake(): void {
    clearTimeout(wakeTimer);
    if (snoozed.size === 0) return;
    const next = Math.min(...[...snoozed.values()].map((n) => Date.parse(n.snoozedUntil!)));
    wakeTimer = setTimeout(wake, Math.min(Math.max(0, next - Date.now()), longestTimerMs));
  }

  function wake(): void {
    const now = Date.now();
    for (const [id, nudge] of snoozed) {
      if (Date.parse(nudge.snoozedUntil!) > now) continue;
      snoozed.delete(id);
      if (closed.has(id)) continue;
      nudges.set(id, { ...nudge, snoozedUntil: null });
      highlight(id);
    }
    planWake();
  }

  /** A nudge the replay's total counted left the queue (closed or snoozed) before the replay ended. */
  function left(): void {
    if (replayOpen.value !== null) replayOpen.value = Math.max(0, replayOpen.value - 1);
  }

  /** Closed elsewhere (another tab or device, the platform) or snoozed: off this queue. A close is for good. */
  function change(changes: NudgeChange[]): void {
    for (const c of changes) {
      left();
      const shown = nudges.get(c.id) ?? snoozed.get(c.id);
      if (!c.closed && c.snoozedUntil && shown) {
        hide(shown, c.snoozedUntil);
        continue;
      }
      if (c.closed) closed.add(c.id);
      nudges.delete(c.id);
      snoozed.delete(c.id);
      fresh.delete(c.id);
      if (c.closed && !outbox?.has(c.id)) pending.delete(c.id);
    }
  }

  /**
   * Done ("ack"), Not useful ("dismiss") or Snooze ("snooze", until `until`): kept in the outbox first, then sent when
   * connected; the card stays, marked pending, until the hub answers. A snooze whose time passed before it could be
   * sent is refused by the hub ("invalid") and the card simply stays.
   */
  function act(nudgeId: string, action: QueuedAction, until?: Date): void {
    if (!outbox) return;
    pending.set(nudgeId, outbox.add(nudgeId, action, new Date(), until));
    void drain();
  }

  /**
   * The staff member opened these nudges (their customer's page, a card's "why"): each is reported to the hub once per
   * console, for the managers' "was it seen". Nothing is kept while offline: the next opening, connected, sends it.
   */
  function opened(nudgeIds: string[]): void {
    const current = hub.value;
    if (!current || current.state.value !== "connected") return;
    for (const id of openings.take(nudgeIds)) {
      const sending = current.opened(id).catch(() => openings.forget(id));
      sendingOpenings.add(sending);
      void sending.finally(() => sendingOpenings.delete(sending));
    }
  }

  /**
   * The staff member has a customer's page open (reached from the queue, the customer list, a search, a segment's
   * members, a merge, a link): that customer's open nudges addressed to them (shown or snoozed) count as opened, as
   * opening it from the queue does; one arriving while the page is open too (the staff member is on that customer).
   */
  function openedCustomer(customerIds: string[]): void {
    const ids = [...nudges.values(), ...snoozed.values()].filter((n) => customerIds.includes(n.customerId)).map((n) => n.id);
    if (ids.length > 0) opened(ids);
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
        await drainOutbox(outbox, (e) => (e.action === "snooze" ? current.snooze(e.nudgeId, new Date(e.until!)) : current.close(e.nudgeId, e.action)), settle);
      } while (drainAgain);
    })().finally(() => (draining = null));
    return draining;
  }

  function settle(entry: OutboxEntry, result: OutboxResult): void {
    pending.delete(entry.nudgeId);
    if (result !== "invalid") left();
    if (entry.action !== "snooze") {
      closed.add(entry.nudgeId);
      nudges.delete(entry.nudgeId);
      fresh.delete(entry.nudgeId);
      if (result === "unknown" || result === "invalid") notice.value = { entry, result };
      return;
    }
    const shown = nudges.get(entry.nudgeId);
    if (result === "snoozed" && shown) hide(shown, entry.until!);
    // No longer an open nudge of this staff member's (closed or handed over meanwhile): off this queue too.
    else if (result === "unknown") nudges.delete(entry.nudgeId);
    notice.value = { entry, result };
  }

  /**
   * Another tab of this staff member changed the outbox: a close that left it there was confirmed there. A snooze
   * that left it is not assumed to have taken (its time may have passed): the hub's `changed` says if it did.
   */
  function onOtherTab(event: StorageEvent): void {
    if (event.storageArea !== localStorage) return;
    const waiting = new Set(outbox?.entries().map((e) => e.nudgeId));
    for (const [id, entry] of [...pending]) {
      if (waiting.has(id) || entry.action === "snooze") continue;
      closed.add(id);
      nudges.delete(id);
    }
    syncPending();
  }

  function syncPending(): void {
    const entries = outbox?.entries() ?? [];
    pending.clear();
    for (const e of entries) pending.set(e.nudgeId, e);
  }

  return { nudges, pending, fresh, notice, connection, groups, openCount, replaying, pendingCount, connect, disconnect, act, opened, openedCustomer };
});
