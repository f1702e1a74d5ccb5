import { describe, expect, it } from "vitest";
import { retryAfter } from "../src/api/client";

describe("Retry-After (how long sign-in asks to wait after a 429)", () => {
  it("reads delay-seconds", () => {
    expect(retryAfter("30")).toBe(30);
    expect(retryAfter(" 5 ")).toBe(5);
  });

  it("reads an HTTP date as the seconds left until it, never negative", () => {
    const now = Date.parse("2026-01-01T12:00:00Z");
    expect(retryAfter("Thu, 01 Jan 2026 12:00:42 GMT", now)).toBe(42);
    expect(retryAfter("Thu, 01 Jan 2026 11:00:00 GMT", now)).toBe(0);
  });

  it("gives nothing for a missing or unreadable header", () => {
    expect(retryAfter(null)).toBeUndefined();
    expect(retryAfter("soon")).toBeUndefined();
  });
});
