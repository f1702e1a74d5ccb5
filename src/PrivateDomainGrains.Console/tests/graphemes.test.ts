import { describe, expect, it } from "vitest";
import { graphemes } from "../src/composables/graphemes";

describe("a length as the inputs count it", () => {
  it("counts an emoji, a flag, a skin tone or a family as one, as the server's 64-character limit does", () => {
    expect(graphemes("👍".repeat(64))).toBe(64);
    expect(graphemes("🇨🇳👍🏽👨‍👩‍👧")).toBe(3);
    expect(graphemes("油皮 vip")).toBe(6);
  });
});
