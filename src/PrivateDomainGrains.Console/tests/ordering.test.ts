import { describe, expect, it } from "vitest";
import { compareUrgency, groupByCustomer } from "../src/queue/ordering";
import { nudge } from "./nudges";

describe("the queue's order", () => {
  it("puts a higher priority first, whatever its age", () => {
    const old = nudge("a", "c1", 70, "2026-01-01T08:00:00Z");
    const urgent = nudge("b", "c2", 90, "2026-01-01T09:00:00Z");
    expect([old, urgent].sort(compareUrgency).map((n) => n.id)).toEqual(["b", "a"]);
  });

  it("puts the oldest first among equal priorities, since it has waited longest", () => {
    const newer = nudge("a", "c1", 80, "2026-01-01T09:00:00Z");
    const older = nudge("b", "c2", 80, "2026-01-01T08:59:59Z");
    expect([newer, older].sort(compareUrgency).map((n) => n.id)).toEqual(["b", "a"]);
  });

  it("is stable for nudges of the same priority and time (by id)", () => {
    const at = "2026-01-01T09:00:00Z";
    expect([nudge("b", "c", 80, at), nudge("a", "c", 80, at)].sort(compareUrgency).map((n) => n.id)).toEqual(["a", "b"]);
  });
});

describe("grouping by customer", () => {
  it("lists each customer once, the one with the most urgent nudge first, each group most urgent first", () => {
    const groups = groupByCustomer([
      nudge("welcome-qian", "qian", 70, "2026-01-01T08:00:00Z"),
      nudge("reply-li", "li", 80, "2026-01-01T08:30:00Z"),
      nudge("lost-qian", "qian", 90, "2026-01-01T09:00:00Z"),
      nudge("reply-zhao", "zhao", 80, "2026-01-01T08:10:00Z"),
    ]);
    expect(groups.map((g) => [g.customerId, g.nudges.map((n) => n.id)])).toEqual([
      ["qian", ["lost-qian", "welcome-qian"]],
      ["zhao", ["reply-zhao"]],
      ["li", ["reply-li"]],
    ]);
  });

  it("gives no groups for no nudges", () => {
    expect(groupByCustomer([])).toEqual([]);
  });
});
