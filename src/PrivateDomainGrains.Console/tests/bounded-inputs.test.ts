import { describe, expect, it } from "vitest";

/** Every .vue file of the console's sources, as text. */
const sources = import.meta.glob<string>("../src/**/*.vue", { query: "?raw", import: "default", eager: true });

describe("bounded text boxes", () => {
  // Naive's (and the browser's) maxlength drops a paste that goes over it, silently: a bounded box is a LimitedInput,
  // which takes the paste whole, counts it in red and makes its form refuse it.
  it("use no native maxlength anywhere", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    const offenders = Object.entries(sources).filter(([, text]) => /\s:?max-?length=/i.test(text)).map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});
