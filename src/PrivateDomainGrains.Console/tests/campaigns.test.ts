import { describe, expect, it } from "vitest";
import type { ExecutionGroup } from "../src/api/reports";
import { actionsFor, doneShare, perHour, reachedShare } from "../src/campaigns/progress";

describe("campaign progress", () => {
  it("the share reached is of the members counted, unknown before the first page, whole for an empty completed one", () => {
    expect(reachedShare({ membersTotal: 200, reached: 50, state: "running" })).toBe(0.25);
    expect(reachedShare({ membersTotal: 0, reached: 0, state: "running" })).toBeNull();
    expect(reachedShare({ membersTotal: 0, reached: 0, state: "completed" })).toBe(1);
  });

  it("done counts the console's Done and the owner's own action over the nudges shown", () => {
    const results = { shown: 10, done: 3, doneByAction: 1 } as ExecutionGroup;
    expect(doneShare({ results })).toBe(0.4);
    expect(doneShare({ results: { ...results, shown: 0 } })).toBeNull();
    expect(doneShare({ results: null })).toBeNull();
  });

  it("the pace spreads the members evenly over the window", () => {
    const start = new Date("2026-12-01T02:00:00Z");
    expect(perHour(1000, start, new Date("2026-12-01T06:00:00Z"))).toBe(250);
    expect(perHour(1000, start, start)).toBeNull();
    expect(perHour(0, start, new Date("2026-12-01T06:00:00Z"))).toBeNull();
  });

  it("a running campaign can be paused or cancelled, a paused one resumed or cancelled, a finished one nothing", () => {
    expect(actionsFor("running")).toEqual(["pause", "cancel"]);
    expect(actionsFor("paused")).toEqual(["resume", "cancel"]);
    expect(actionsFor("completed")).toEqual([]);
    expect(actionsFor("cancelled")).toEqual([]);
  });
});
