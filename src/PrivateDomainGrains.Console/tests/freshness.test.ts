import { describe, expect, it } from "vitest";
import { Freshness } from "../src/queue/freshness";

describe("freshness", () => {
  it("calls what the first replay brings old, however late it arrives", () => {
    const fresh = new Freshness();
    // No clock is read: a replay that takes 10 s (or 10 min) on a busy node is still the replay.
    expect(fresh.arrived("open-1")).toBe(false);
    expect(fresh.arrived("open-2")).toBe(false);
    fresh.replayEnded();
    expect(fresh.arrived("live")).toBe(true);
  });

  it("calls a nudge new once, and not when a reconnect replays it", () => {
    const fresh = new Freshness();
    fresh.replayEnded();
    expect(fresh.arrived("live")).toBe(true);
    expect(fresh.arrived("live")).toBe(false);
  });

  it("calls new what a reconnect's replay brings that this console has not shown", () => {
    const fresh = new Freshness();
    expect(fresh.arrived("shown")).toBe(false);
    fresh.replayEnded();
    // Away, then back: the reconnect's replay brings both.
    expect(fresh.arrived("shown")).toBe(false);
    expect(fresh.arrived("while-away")).toBe(true);
    fresh.replayEnded();
    expect(fresh.arrived("while-away")).toBe(false);
  });
});
