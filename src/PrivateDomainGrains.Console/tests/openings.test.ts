import { describe, expect, it } from "vitest";
import { Openings } from "../src/queue/openings";

describe("openings", () => {
  it("sends each nudge once however often its customer is opened", () => {
    const openings = new Openings();
    expect(openings.take(["n1", "n2", "n1"])).toEqual(["n1", "n2"]);
    expect(openings.take(["n2", "n3"])).toEqual(["n3"]);
    expect(openings.take(["n1", "n2", "n3"])).toEqual([]);
  });

  it("sends again one whose sending failed", () => {
    const openings = new Openings();
    openings.take(["n1", "n2"]);
    openings.forget("n1");
    expect(openings.take(["n1", "n2"])).toEqual(["n1"]);
  });
});
