import type { Phrase } from "./explanation";

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

/** A UTC time as the server writes {eventAt} (.NET's "u" format), captured whole. */
const utcTime = String.raw`(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z)`;

/**
 * The server's reason shapes that have words of their own (Core's DefaultPlaybook reasons, and DecisionRun's
 * "campaign {id}"): a message key with its parameters (`at` ISO 8601, `event` an event type, `campaign` a campaign id).
 * Any other reason is a playbook author's own text: kept raw (humaniseReason words its codes).
 */
export function readReason(reason: string): Phrase {
  let m: RegExpExecArray | null;
  const campaign = campaignOfReason(reason);
  if (campaign !== null) return { key: "reason.campaign", params: { campaign } };
  if ((m = new RegExp(`^message\\.received at ${utcTime} is unanswered$`).exec(reason)))
    return { key: "reason.unanswered", params: { at: m[1]!.replace(" ", "T") } };
  if ((m = new RegExp(`^friend\\.added at ${utcTime}: new friends should be welcomed within minutes$`).exec(reason)))
    return { key: "reason.welcome", params: { at: m[1]!.replace(" ", "T") } };
  if ((m = new RegExp(`^friend\\.deleted at ${utcTime}: the customer is lost$`).exec(reason)))
    return { key: "reason.lost", params: { at: m[1]!.replace(" ", "T") } };
  return { raw: reason };
}

/** The campaign id of a campaign nudge's reason ("campaign {id}", DecisionRun's), else null. */
export function campaignOfReason(reason: string): string | null {
  return /^campaign (\S+)$/.exec(reason)?.[1] ?? null;
}

/** The campaign id of a campaign's execution rule ("campaign:{id}", as the execution reports group it), else null. */
export function campaignOfRule(rule: string): string | null {
  return /^campaign:(\S+)$/.exec(rule)?.[1] ?? null;
}

/** The default playbook's titles and texts per kind (Core's DefaultPlaybook), `{via}` being " via {channel}" or nothing. */
const copyShapes: Record<string, [RegExp, string][]> = {
  welcome: [
    [/^Welcome (?<name>.+)$/s, "copy.welcome.title"],
    [/^(?<name>.+) just added you(?: via (?<channel>\S+))?: send a warm welcome message and ask what brought them here\.$/s, "copy.welcome.text"],
  ],
  reply: [
    [/^Reply to (?<name>.+)$/s, "copy.reply.title"],
    [/^(?<name>.+) wrote(?: via (?<channel>\S+))?: (?<message>".*")\. Reply now\.$/s, "copy.reply.text"],
  ],
  "customer-lost": [
    [/^(?<name>.+) deleted you$/s, "copy.lost.title"],
    [/^(?<name>.+) removed you as a friend(?: via (?<channel>\S+))?\. Review the recent conversation to learn why\.$/s, "copy.lost.text"],
  ],
};

/**
 * A nudge's title or text of the default playbook as a message key (`name`, `channel` ("" without one), `message`
 * quoted as the server quoted it), so a zh-CN console does not show the server's English templates. Other kinds,
 * and texts an operator rewrote, stay raw: they are the author's own words.
 */
export function readNudgeCopy(kind: string, text: string): Phrase {
  for (const [shape, key] of copyShapes[kind] ?? []) {
    const groups = shape.exec(text)?.groups;
    if (groups) {
      const params: Record<string, string> = { name: groups.name!, channel: groups.channel ?? "" };
      if (groups.message !== undefined) params.message = groups.message;
      return { key: groups.channel ? `${key}Via` : key, params };
    }
  }
  return { raw: text };
}
