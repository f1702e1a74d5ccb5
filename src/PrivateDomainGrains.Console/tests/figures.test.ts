import { describe, expect, it } from "vitest";
import type { ExecutionGroup } from "../src/api/reports";
import { columnWidth, percent, period, revenue, revenuePerCustomer, toCsv, uplift } from "../src/reports/figures";

describe("execution figures", () => {
  it("periods count today as their last full day and reach into tomorrow for tenants ahead of this browser", () => {
    const today = new Date(2026, 0, 31, 15, 0);
    expect(period(1, today)).toEqual({ from: "2026-01-31", to: "2026-02-01" });
    expect(period(7, today)).toEqual({ from: "2026-01-25", to: "2026-02-01" });
    expect(period(30, today)).toEqual({ from: "2026-01-02", to: "2026-02-01" });
  });

  it("rates show as whole percentages and nothing shown as a dash", () => {
    expect(percent(0.4)).toBe("40%");
    expect(percent(null)).toBe("–");
  });

  it("revenue stays per currency", () => {
    const group = { revenue: [{ currency: "CNY", attributed: 180, itt: 210 }, { currency: "USD", attributed: 70, itt: 70 }] } as ExecutionGroup;
    expect(revenue(group)).toBe("CNY 180 · USD 70");
    expect(revenue(group, "itt")).toBe("CNY 210 · USD 70");
  });

  it("revenue per customer reached stays per currency and is a dash when no one was reached", () => {
    const group = { revenuePerCustomerReached: [{ currency: "CNY", attributed: 45 }, { currency: "USD", attributed: 12.5 }] } as ExecutionGroup;
    expect(revenuePerCustomer(group)).toBe("CNY 45 · USD 12.5");
    expect(revenuePerCustomer({ revenuePerCustomerReached: [] } as unknown as ExecutionGroup)).toBe("–");
  });

  it("uplift shows percentage points with its interval", () => {
    expect(uplift({ difference: 0.125, low: -0.031, high: 0.27 })).toBe("+12.5 pt (−3.1, +27.0)");
    expect(uplift(null)).toBe("–");
  });

  it("CSV quotes what needs quoting, ends lines with CRLF and starts with a byte order mark", () => {
    const csv = toCsv([{ name: 'Li, "Lily"', n: 3 }, { name: "王", n: null }], [
      { header: "name", value: (r) => r.name },
      { header: "n", value: (r) => r.n },
    ]);
    expect(csv).toBe('\uFEFFname,n\r\n"Li, ""Lily""",3\r\n王,\r\n');
  });
});

describe("dashboard column widths", () => {
  it("fit a header on one line, Chinese characters wider than Latin ones", () => {
    expect(columnWidth("过期率")).toBe(3 * 14 + 48);
    expect(columnWidth("Expired")).toBe(Math.ceil(7 * 7.5 + 48));
    expect(columnWidth("处理用时中位数（分钟）")).toBeGreaterThan(columnWidth("完成率"));
  });

  it("are never narrower than a number needs", () => {
    expect(columnWidth("")).toBe(64);
  });
});
