/**
 * Reads the engine's explanation of a nudge (Core's Decision.Explain) so the console can word it for people.
 * Format, one candidate per line, the raised one first, each alternative after "\nvs ":
 *   `{rule} ({trigger}): score {total} = propensity {p} x value {v} x context {c} x lever {l}; raised`
 *   `...; held until {yyyy-MM-dd HH:mm:ssZ} by {policy}`   or   `...; suppressed by {policy}`
 * and, past the 10 best scored alternatives (Decision.MaxAlternativesExplained), a last line `and {n} more`.
 * Anything that does not match is kept as raw text, so a new engine wording still shows, only less polished.
 */

export interface Score {
  total: number;
  /** How likely the action is to work, 0..1, learned from past outcomes. */
  propensity: number;
  value: number;
  /** Timing multiplier (e.g. the customer's usual reading hours). */
  context: number;
  /** The operator's weight for the rule. */
  lever: number;
}

export type Verdict = "raised" | "held" | "suppressed";

export interface Candidate {
  rule: string;
  trigger: Phrase;
  score: Score;
  verdict: Verdict;
  /** When a held candidate may be raised (ISO 8601). */
  holdUntil?: string;
  /** Why it was held or suppressed. */
  policy?: Phrase;
}

/** A message key of the console's "why" wording with its parameters, or raw text when nothing matched. */
export type Phrase = { key: string; params: Record<string, string> } | { raw: string };

export interface Explanation {
  /** The raised nudge's own line, when it parsed. */
  chosen?: Candidate;
  alternatives: Candidate[];
  /** Lines that did not parse, verbatim. */
  unparsed: string[];
}

const line =
  /^(?<rule>.+?) \((?<trigger>.*)\): score (?<total>[-\d.,eE+]+) = propensity (?<p>[-\d.,eE+]+) x value (?<v>[-\d.,eE+]+) x context (?<c>[-\d.,eE+]+) x lever (?<l>[-\d.,eE+]+); (?<verdict>raised|held until (?<until>\S+ \S+) by (?<heldBy>.+)|suppressed by (?<suppressedBy>.+))$/s;

export function parseExplanation(text: string | null | undefined): Explanation {
  const result: Explanation = { alternatives: [], unparsed: [] };
  if (!text) return result;
  // The count of alternatives not listed ends the last one's line: kept apart, as written, so that one still parses.
  const more = /\nand \d+ more$/.exec(text);
  if (more) text = text.slice(0, more.index);
  text.split("\nvs ").forEach((part, index) => {
    const candidate = parseCandidate(part.trim());
    if (!candidate) result.unparsed.push(part.trim());
    else if (index === 0) result.chosen = candidate;
    else result.alternatives.push(candidate);
  });
  if (more) result.unparsed.push(more[0].trim());
  return result;
}

function parseCandidate(text: string): Candidate | undefined {
  const m = line.exec(text)?.groups;
  if (!m) return undefined;
  const score = { total: num(m.total!), propensity: num(m.p!), value: num(m.v!), context: num(m.c!), lever: num(m.l!) };
  if (m.verdict === "raised") return { rule: m.rule!, trigger: describeTrigger(m.trigger!), score, verdict: "raised" };
  if (m.heldBy !== undefined)
    return { rule: m.rule!, trigger: describeTrigger(m.trigger!), score, verdict: "held", holdUntil: utc(m.until!), policy: describePolicy(m.heldBy) };
  return { rule: m.rule!, trigger: describeTrigger(m.trigger!), score, verdict: "suppressed", policy: describePolicy(m.suppressedBy!) };
}

/** Numbers are written in the server's culture: accept a decimal comma too. */
function num(text: string): number {
  return Number(text.replace(",", "."));
}

/** "2025-03-03 03:00:00Z" (.NET's "u" format) to ISO 8601. */
function utc(text: string): string {
  return text.replace(" ", "T");
}

/** Core's CompiledRule.DescribeTrigger wordings. */
export function describeTrigger(text: string): Phrase {
  let m: RegExpExecArray | null;
  if ((m = /^event (\S+)$/.exec(text))) return { key: "trigger.event", params: { event: m[1]! } };
  if ((m = /^tag (.+) added$/.exec(text))) return { key: "trigger.tagAdded", params: { tag: m[1]! } };
  if ((m = /^tag (.+) removed$/.exec(text))) return { key: "trigger.tagRemoved", params: { tag: m[1]! } };
  if ((m = /^tier changed to (.+)$/.exec(text))) return { key: "trigger.tierChanged", params: { tier: m[1]! } };
  if ((m = /^(\S+) after (first|latest) (\S+)(?: unless (.+))?$/.exec(text)))
    return { key: m[4] ? "trigger.afterUnless" : "trigger.after", params: { delay: m[1]!, anchor: m[2]!, event: m[3]!, unless: m[4] ?? "" } };
  if ((m = /^(\d+) days without interaction$/.exec(text))) return { key: "trigger.inactive", params: { days: m[1]! } };
  if ((m = /^annual (\S+) at (.+)$/.exec(text))) return { key: "trigger.annual", params: { field: m[1]!, at: m[2]! } };
  return { raw: text };
}

/** Core's contact-policy and arbitration wordings (DecisionRun, ContactPolicy, QuietHours). */
export function describePolicy(text: string): Phrase {
  let m: RegExpExecArray | null;
  if (text === "no owner") return { key: "policy.noOwner", params: {} };
  if (text === "lever off") return { key: "policy.leverOff", params: {} };
  if ((m = /^dismissed (\d+) times$/.exec(text))) return { key: "policy.dismissed", params: { n: m[1]! } };
  if ((m = /^staff cap (\d+) open nudges$/.exec(text))) return { key: "policy.staffCap", params: { n: m[1]! } };
  if ((m = /^quiet hours (\d\d:\d\d)-(\d\d:\d\d)$/.exec(text))) return { key: "policy.quietHours", params: { start: m[1]!, end: m[2]! } };
  if ((m = /^cap (\d+) per (\S+)(?: on (.+))?$/.exec(text)))
    return { key: m[3] ? "policy.capOnChannel" : "policy.cap", params: { n: m[1]!, window: m[2]!, channel: m[3] ?? "" } };
  if ((m = /^arbitration: lost to (.+)$/.exec(text))) return { key: "policy.lostTo", params: { rule: m[1]! } };
  return { raw: text };
}
