import { describe, expect, it } from "vitest";
import { payloadSummary } from "../src/pool/api";

describe("a pending event's payload summary", () => {
  it("puts an order's id, amount and currency first, then the other fields, then the text", () => {
    const summary = payloadSummary({ data: { source: "tmall", amount: "128", orderId: "PP-1", currency: "CNY" }, text: "加急" });
    expect(summary).toBe("PP-1 · 128 · CNY · source=tmall · 加急");
  });

  it("is empty for an event with neither data nor text", () => {
    expect(payloadSummary({ data: null, text: null })).toBe("");
  });
});
