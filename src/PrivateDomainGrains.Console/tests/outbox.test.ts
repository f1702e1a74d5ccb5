import { describe, expect, it } from "vitest";
import type { CloseResult } from "../src/queue/nudge";
import { Outbox, drainOutbox, type KeyValueStorage, type OutboxEntry } from "../src/queue/outbox";

/** localStorage's behaviour, over a Map: the outbox must survive being read back by a new instance (a reload). */
function storage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
  };
}

describe("the outbox", () => {
  it("keeps actions across a reload, in click order", () => {
    const store = storage();
    const before = new Outbox(store, "outbox:acme/alice");
    before.add("n1", "ack", new Date("2026-01-01T09:00:00Z"));
    before.add("n2", "dismiss", new Date("2026-01-01T09:00:01Z"));

    const afterReload = new Outbox(store, "outbox:acme/alice");
    expect(afterReload.entries()).toEqual([
      { nudgeId: "n1", action: "ack", at: "2026-01-01T09:00:00.000Z" },
      { nudgeId: "n2", action: "dismiss", at: "2026-01-01T09:00:01.000Z" },
    ]);
  });

  it("keeps a nudge's first action when it is clicked again", () => {
    const outbox = new Outbox(storage(), "k");
    outbox.add("n1", "ack");
    expect(outbox.add("n1", "dismiss").action).toBe("ack");
    expect(outbox.entries()).toHaveLength(1);
  });

  it("is one per staff member: another key sees nothing", () => {
    const store = storage();
    new Outbox(store, "outbox:acme/alice").add("n1", "ack");
    expect(new Outbox(store, "outbox:acme/bob").entries()).toEqual([]);
  });

  it("leaves no key behind once empty, and reads a damaged value as empty", () => {
    const store = storage();
    const outbox = new Outbox(store, "k");
    outbox.add("n1", "ack");
    outbox.remove("n1");
    expect(store.map.has("k")).toBe(false);
    store.setItem("k", "{not json");
    expect(outbox.entries()).toEqual([]);
    store.setItem("k", JSON.stringify([{ nudgeId: "ok", action: "ack", at: "x" }, { nudgeId: 3 }, "junk"]));
    expect(outbox.entries().map((e) => e.nudgeId)).toEqual(["ok"]);
  });
});

describe("draining the outbox", () => {
  it("sends every entry once, in order, and removes each only after its answer", async () => {
    const outbox = new Outbox(storage(), "k");
    outbox.add("n1", "ack");
    outbox.add("n2", "dismiss");
    const sent: string[] = [];
    const settled = await drainOutbox(outbox, async (e) => {
      sent.push(`${e.action}:${e.nudgeId}`);
      expect(outbox.has(e.nudgeId)).toBe(true);
      return "closed";
    });
    expect(sent).toEqual(["ack:n1", "dismiss:n2"]);
    expect(settled.map(([e, r]) => [e.nudgeId, r])).toEqual([
      ["n1", "closed"],
      ["n2", "closed"],
    ]);
    expect(outbox.entries()).toEqual([]);
  });

  it("stops at the first failure and keeps that entry and the rest for the next drain", async () => {
    const outbox = new Outbox(storage(), "k");
    ["n1", "n2", "n3"].forEach((id) => outbox.add(id, "ack"));
    let calls = 0;
    const first = await drainOutbox(outbox, async () => {
      if (++calls === 2) throw new Error("connection lost");
      return "closed";
    });
    expect(first.map(([e]) => e.nudgeId)).toEqual(["n1"]);
    expect(outbox.entries().map((e) => e.nudgeId)).toEqual(["n2", "n3"]);

    // After the reconnect the lost answer's nudge may already be closed on the server: that is success too.
    const answers: Record<string, CloseResult> = { n2: "already-closed", n3: "closed" };
    const second = await drainOutbox(outbox, async (e: OutboxEntry) => answers[e.nudgeId]!);
    expect(second.map(([e, r]) => [e.nudgeId, r])).toEqual([
      ["n2", "already-closed"],
      ["n3", "closed"],
    ]);
    expect(outbox.entries()).toEqual([]);
  });

  it("treats every answer as final, including unknown and invalid (resending would not change them)", async () => {
    const outbox = new Outbox(storage(), "k");
    outbox.add("theirs", "ack");
    outbox.add("bad id", "ack");
    const results = await drainOutbox(outbox, async (e) => (e.nudgeId === "theirs" ? "unknown" : "invalid"));
    expect(results.map(([, r]) => r)).toEqual(["unknown", "invalid"]);
    expect(outbox.entries()).toEqual([]);
  });

  it("also sends what was clicked while it was draining", async () => {
    const outbox = new Outbox(storage(), "k");
    outbox.add("n1", "ack");
    const sent: string[] = [];
    await drainOutbox(outbox, async (e) => {
      sent.push(e.nudgeId);
      if (e.nudgeId === "n1") outbox.add("n2", "dismiss");
      return "closed";
    });
    expect(sent).toEqual(["n1", "n2"]);
  });
});

describe("a snooze in the outbox", () => {
  it("keeps its time across a reload and is sent like a close", async () => {
    const store = storage();
    new Outbox(store, "k").add("n1", "snooze", new Date("2026-01-01T09:00:00Z"), new Date("2026-01-01T10:00:00Z"));

    const afterReload = new Outbox(store, "k");
    expect(afterReload.entries()).toEqual([{ nudgeId: "n1", action: "snooze", at: "2026-01-01T09:00:00.000Z", until: "2026-01-01T10:00:00.000Z" }]);
    const sent: string[] = [];
    const settled = await drainOutbox(afterReload, async (e) => {
      sent.push(`${e.action}:${e.nudgeId}:${e.until}`);
      return "snoozed";
    });
    expect(sent).toEqual(["snooze:n1:2026-01-01T10:00:00.000Z"]);
    expect(settled.map(([, r]) => r)).toEqual(["snoozed"]);
    expect(afterReload.entries()).toEqual([]);
  });

  it("cannot be recorded without its time, and a stored one without a readable time is dropped", () => {
    const store = storage();
    const outbox = new Outbox(store, "k");
    expect(() => outbox.add("n1", "snooze")).toThrow();
    store.setItem("k", JSON.stringify([{ nudgeId: "a", action: "snooze", at: "x" }, { nudgeId: "b", action: "snooze", at: "x", until: "soon" }]));
    expect(outbox.entries()).toEqual([]);
  });
});
