import { describe, expect, it } from "vitest";
import { graphemes, tooLong } from "../src/composables/graphemes";

describe("a length as the inputs count it", () => {
  it("counts an emoji, a flag, a skin tone or a family as one, as the server's 64-character limit does", () => {
    expect(graphemes("👍".repeat(64))).toBe(64);
    expect(graphemes("🇨🇳👍🏽👨‍👩‍👧")).toBe(3);
    expect(graphemes("油皮 vip")).toBe(6);
  });

  it("finds a value too long only past the limit, so a 210-character paste into a 200 box is refused and 200 is not", () => {
    expect(tooLong("备".repeat(210), 200)).toBe(true);
    expect(tooLong("备".repeat(200), 200)).toBe(false);
    expect(tooLong("👍".repeat(64), 64)).toBe(false);
    expect(tooLong(null, 64)).toBe(false);
  });
});
