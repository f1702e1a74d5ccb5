import { describe, expect, it } from "vitest";
import { percentOf } from "../src/composables/backgroundJob";

describe("a background job's progress", () => {
  it("is the share of its rows worked, rounded down so it shows 100 % only when every row is", () => {
    expect([percentOf(0, 3), percentOf(1, 3), percentOf(2, 3), percentOf(499, 500), percentOf(500, 500)]).toEqual([0, 33, 66, 99, 100]);
  });

  it("is whole for a job with nothing to work (a tag no customer holds)", () => {
    expect(percentOf(0, 0)).toBe(100);
  });
});
