import type { ExecutionGroup } from "../api/reports";

/**
 * The periods the dashboard offers: today, the last 7 and 30 days, as yyyy-MM-dd dates, inclusive. The report counts
 * days in the tenant's time zone, which may already be at tomorrow's date where this browser is (Shanghai is ahead of
 * a browser on UTC): the period runs to tomorrow, which holds nothing until the tenant's day has begun.
 */
export function period(days: number, today = new Date()): { from: string; to: string } {
  const start = new Date(today);
  start.setDate(start.getDate() - (days - 1));
  const end = new Date(today);
  end.setDate(end.getDate() + 1);
  return { from: isoDay(start), to: isoDay(end) };
}

/** A local calendar date as yyyy-MM-dd. */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A share as a whole percentage ("40%"), or "–" when there is none. */
export function percent(rate: number | null): string {
  return rate === null ? "–" : `${Math.round(rate * 100)}%`;
}

/** Seconds as minutes with one decimal ("0.5"), or "–". */
export function minutes(seconds: number | null): string {
  return seconds === null ? "–" : (seconds / 60).toFixed(1);
}

/** Revenue per currency, never added across currencies: "CNY 180 · USD 70", or "–". */
export function revenue(group: ExecutionGroup, which: "attributed" | "itt" = "attributed"): string {
  const parts = group.revenue.filter((r) => r[which] !== 0).map((r) => `${r.currency} ${r[which]}`);
  return parts.length === 0 ? "–" : parts.join(" · ");
}

/** Attributed revenue per customer reached, per currency: "CNY 45 · USD 25", or "–". */
export function revenuePerCustomer(group: ExecutionGroup): string {
  const parts = group.revenuePerCustomerReached.map((r) => `${r.currency} ${r.attributed}`);
  return parts.length === 0 ? "–" : parts.join(" · ");
}

/** An uplift as percentage points with its 95% interval: "+12.5 pt (−3.1, +27.0)", or "–". */
export function uplift(figure: { difference: number; low: number; high: number } | null | undefined): string {
  if (!figure) return "–";
  const pt = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}`;
  return `${pt(figure.difference)} pt (${pt(figure.low)}, ${pt(figure.high)})`;
}

/** One column of an exported table: its header and how a row shows in it. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
}

/**
 * A table as CSV (RFC 4180: comma separated, CRLF line ends, a field quoted when it holds a comma, quote or line end,
 * quotes doubled), with a UTF-8 byte order mark so that spreadsheet programs read Chinese names correctly.
 */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const field = (v: string | number | null) => {
    const text = v === null ? "" : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.map((c) => field(c.header)), ...rows.map((r) => columns.map((c) => field(c.value(r))))];
  return "\uFEFF" + lines.map((l) => l.join(",")).join("\r\n") + "\r\n";
}

/** Offers text as a file download in the browser. */
export function download(filename: string, text: string, type = "text/csv;charset=utf-8"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A table column's width in px that fits its header on one line: CJK characters count 14 px, others 7.5 px, plus
 * 48 px for the cell padding and the sort arrows; at least 64. The dashboard's tables scroll sideways on a phone
 * (their widths add up to scroll-x), so a header never breaks one character per line.
 */
export function columnWidth(title: string): number {
  let text = 0;
  for (const ch of title) text += /[\u2E80-\u9FFF\uFF00-\uFFEF]/.test(ch) ? 14 : 7.5;
  return Math.max(64, Math.ceil(text + 48));
}
