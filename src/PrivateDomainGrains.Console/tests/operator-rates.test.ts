import { describe, expect, it } from "vitest";
import type { NodeStats } from "../src/api/operator";
import { bytes, grewWithin, keepReadings, milliseconds, ratePoints, ratesBetween, type Reading } from "../src/operator/rates";

function stats(uptimeSeconds: number, overrides: Partial<NodeStats> = {}): NodeStats {
  return {
    node: "S127.0.0.1:11111:1", activeCustomerGrains: 0, workingSetBytes: 0, managedHeapBytes: 0, cpuSecondsTotal: 0, processorCount: 2,
    uptimeSeconds, gcPauseSecondsTotal: 0, gcPauseMaxSeconds: 0, gcPauseMaxRecentSeconds: 0, gen0Collections: 0, gen1Collections: 0,
    gen2Collections: 0, gcHeapSizeBytes: 0, allocatedBytesTotal: 0, threadPoolThreads: 0, threadPoolQueueLength: 0, threadPoolCompletedTotal: 0,
    lockContentionsTotal: 0, eventsAcceptedTotal: 0, eventsDuplicateTotal: 0, eventsRefusedTotal: 0, eventsShedTotal: 0, nudgesRaisedTotal: 0,
    nudgesPushedTotal: 0, http5xxTotal: 0, http503Total: 0, schedulerBacklog: 0, nudgeDispatchQueue: 0, groupCommitQueue: 0, ...overrides,
  };
}

const reading = (at: number, s: NodeStats): Reading => ({ at, stats: s });

describe("operator rates", () => {
  it("rates are the growth of the totals over the node's own uptime between two readings", () => {
    const rates = ratesBetween(
      stats(10, { eventsAcceptedTotal: 100, eventsDuplicateTotal: 10, cpuSecondsTotal: 1 }),
      stats(12, { eventsAcceptedTotal: 300, eventsDuplicateTotal: 30, cpuSecondsTotal: 3, nudgesRaisedTotal: 8 }),
    );
    expect(rates).toMatchObject({ ingested: 110, nudgesRaised: 4, refused: 0, cpuPercent: 50 });
  });

  it("readings of another node or from before a restart are not compared", () => {
    expect(ratesBetween(stats(10), stats(12, { node: "S127.0.0.1:11112:1" }))).toBeNull();
    expect(ratesBetween(stats(100), stats(3))).toBeNull();
  });

  it("a restart starts the kept readings over, and old readings fall out of the window", () => {
    const kept = keepReadings([reading(0, stats(100)), reading(2000, stats(102))], reading(4000, stats(3)), 60_000);
    expect(kept).toHaveLength(1);
    const windowed = keepReadings([reading(0, stats(0)), reading(50_000, stats(50))], reading(70_000, stats(70)), 60_000);
    expect(windowed.map((r) => r.at)).toEqual([50_000, 70_000]);
  });

  it("counts in the last minute are the growth since the oldest reading within it", () => {
    const readings = [reading(0, stats(0, { http5xxTotal: 5 })), reading(1, stats(30, { http5xxTotal: 7 })), reading(2, stats(80, { http5xxTotal: 9 }))];
    expect(grewWithin(readings, "http5xxTotal")).toBe(2);
    expect(grewWithin([], "http5xxTotal")).toBe(0);
  });

  it("chart points skip pairs that cannot be compared", () => {
    expect(ratePoints([reading(0, stats(10)), reading(2000, stats(12)), reading(4000, stats(12))])).toHaveLength(1);
  });

  it("sizes and pauses read in the units operators use", () => {
    expect(bytes(1536 * 1024 * 1024)).toBe("1.5 GB");
    expect(bytes(10 * 1024 * 1024)).toBe("10.0 MB");
    expect(milliseconds(0.0042)).toBe("4.2 ms");
    expect(milliseconds(0.125)).toBe("125 ms");
  });
});
