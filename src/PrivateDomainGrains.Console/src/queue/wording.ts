/** Event types integrations post (README "Event types"); the console names them in the staff member's language. */
export const knownEventTypes = [
  "friend.added",
  "friend.deleted",
  "message.received",
  "message.sent",
  "moment.liked",
  "moment.commented",
  "order.paid",
  "order.refunded",
  "page.viewed",
  "group.joined",
  "group.left",
] as const;

const eventPattern = new RegExp(`\\b(${knownEventTypes.map((t) => t.replace(".", "\\.")).join("|")})\\b`, "g");
/** A UTC time as playbook templates write it ({eventAt}, .NET's "u" format) or ISO 8601. */
const timePattern = /\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g;

/**
 * A playbook's reason in plain words: event types become words ("friend.added" → "added you as a friend") and UTC
 * times become local times. The rest is the playbook author's own text and is kept as written.
 */
export function humaniseReason(reason: string, eventName: (type: string) => string, localTime: (at: Date) => string): string {
  return reason.replace(timePattern, (t) => localTime(new Date(t.replace(" ", "T")))).replace(eventPattern, (type) => eventName(type));
}

/**
 * A length of time as the largest whole unit that fits, for "at most 3 per day" or "2 days after" wording: a .NET
 * TimeSpan as contact caps print it ("1.00:00:00", "04:00:00") or a playbook duration ("30m", "2h", "3d", "1w").
 * Null when it is neither.
 */
export function durationUnit(text: string): { unit: "day" | "hour" | "minute"; count: number } | null {
  let minutes: number;
  let m: RegExpExecArray | null;
  if ((m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(text))) minutes = Number(m[1] ?? 0) * 1440 + Number(m[2]) * 60 + Number(m[3]);
  else if ((m = /^(\d+)([mhdw])$/.exec(text))) minutes = Number(m[1]) * { m: 1, h: 60, d: 1440, w: 10080 }[m[2] as "m" | "h" | "d" | "w"];
  else return null;
  if (minutes > 0 && minutes % 1440 === 0) return { unit: "day", count: minutes / 1440 };
  if (minutes > 0 && minutes % 60 === 0) return { unit: "hour", count: minutes / 60 };
  return { unit: "minute", count: minutes };
}

/** Whole minutes, hours or days between two instants, for "3 min ago" (Intl.RelativeTimeFormat words it). */
export function ageOf(createdAt: string, now: number): { unit: "second" | "minute" | "hour" | "day"; value: number } {
  const seconds = Math.max(0, Math.round((now - Date.parse(createdAt)) / 1000));
  if (seconds < 60) return { unit: "second", value: seconds };
  if (seconds < 3600) return { unit: "minute", value: Math.floor(seconds / 60) };
  if (seconds < 86400) return { unit: "hour", value: Math.floor(seconds / 3600) };
  return { unit: "day", value: Math.floor(seconds / 86400) };
}
