import type { NodeStats } from "../api/operator";

/** Per-second rates between two readings of one node (the node's own uptime clock, not the browser's). */
export interface Rates {
  /** Events stored or recognised as duplicates, per second. */
  ingested: number;
  refused: number;
  nudgesRaised: number;
  nudgesPushed: number;
  /** Of all cores: 100 means every core busy. */
  cpuPercent: number;
  allocatedBytes: number;
}

/** One point of the throughput chart: the node's time of the later reading (ms since epoch, this browser's clock) and its rates. */
export interface RatePoint {
  at: number;
  rates: Rates;
}

/**
 * The rates between two readings, or null when they cannot be compared: another node answered (behind a proxy), or the
 * node restarted (its uptime went back), or no time passed.
 */
export function ratesBetween(previous: NodeStats, next: NodeStats): Rates | null {
  const seconds = next.uptimeSeconds - previous.uptimeSeconds;
  if (previous.node !== next.node || seconds <= 0) return null;
  const per = (field: keyof NodeStats) => Math.max(0, ((next[field] as number) - (previous[field] as number)) / seconds);
  return {
    ingested: per("eventsAcceptedTotal") + per("eventsDuplicateTotal"),
    refused: per("eventsRefusedTotal"),
    nudgesRaised: per("nudgesRaisedTotal"),
    nudgesPushed: per("nudgesPushedTotal"),
    cpuPercent: (100 * per("cpuSecondsTotal")) / Math.max(1, next.processorCount),
    allocatedBytes: per("allocatedBytesTotal"),
  };
}

/** A reading with this browser's time of arrival. */
export interface Reading {
  at: number;
  stats: NodeStats;
}

/**
 * The readings kept for the chart and the per-minute counts: the new one appended, those older than `keepMs` dropped,
 * and all of another node's or from before a restart dropped too (their totals do not continue).
 */
export function keepReadings(readings: readonly Reading[], next: Reading, keepMs: number): Reading[] {
  const last = readings[readings.length - 1];
  const continues = last && last.stats.node === next.stats.node && last.stats.uptimeSeconds <= next.stats.uptimeSeconds;
  const kept = continues ? readings.filter((r) => r.at >= next.at - keepMs) : [];
  return [...kept, next];
}

/**
 * How much a total grew over the last `windowSeconds` of node uptime (5xx answers in the last minute, say): from the
 * oldest reading inside the window, or the oldest kept when the page has watched for less than that.
 */
export function grewWithin(readings: readonly Reading[], field: keyof NodeStats, windowSeconds = 60): number {
  const last = readings[readings.length - 1];
  if (!last) return 0;
  const from = readings.find((r) => r.stats.uptimeSeconds >= last.stats.uptimeSeconds - windowSeconds) ?? last;
  return Math.max(0, (last.stats[field] as number) - (from.stats[field] as number));
}

/** The chart's points: the rates between each pair of consecutive readings. */
export function ratePoints(readings: readonly Reading[]): RatePoint[] {
  const points: RatePoint[] = [];
  for (let i = 1; i < readings.length; i++) {
    const rates = ratesBetween(readings[i - 1].stats, readings[i].stats);
    if (rates) points.push({ at: readings[i].at, rates });
  }
  return points;
}

/** Bytes as MB or GB with one decimal (binary units, as the runtime counts). */
export function bytes(value: number): string {
  const mb = value / (1024 * 1024);
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${mb.toFixed(1)} MB`;
}

/** Seconds as milliseconds, one decimal under 10 ms. */
export function milliseconds(seconds: number): string {
  const ms = seconds * 1000;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** A rate: whole numbers from 10 up, one decimal below. */
export function perSecond(value: number): string {
  return value >= 10 ? String(Math.round(value)) : value.toFixed(1);
}
