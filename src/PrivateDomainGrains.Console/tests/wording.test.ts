import { describe, expect, it } from "vitest";
import { parseExplanation } from "../src/queue/explanation";
import { ageOf, durationUnit, humaniseReason } from "../src/queue/wording";

describe("the explanation, read for people", () => {
  it("reads the raised nudge and each alternative with what stopped it", () => {
    const parsed = parseExplanation(
      "offer-3 (event page.viewed): score 1.5 = propensity 0.5 x value 3 x context 1 x lever 1; raised\n" +
        "vs offer-2 (event page.viewed): score 1 = propensity 0.5 x value 2 x context 1 x lever 1; held until 2025-03-03 03:00:00Z by arbitration: lost to offer-3\n" +
        "vs nightly (2d after latest order.paid unless message.received): score 0 = propensity 0.2 x value 1 x context 1 x lever 0; suppressed by lever off",
    );
    expect(parsed.chosen).toEqual({
      rule: "offer-3",
      trigger: { key: "trigger.event", params: { event: "page.viewed" } },
      score: { total: 1.5, propensity: 0.5, value: 3, context: 1, lever: 1 },
      verdict: "raised",
    });
    expect(parsed.alternatives[0]).toMatchObject({
      rule: "offer-2",
      verdict: "held",
      holdUntil: "2025-03-03T03:00:00Z",
      policy: { key: "policy.lostTo", params: { rule: "offer-3" } },
    });
    expect(parsed.alternatives[1]).toMatchObject({
      rule: "nightly",
      trigger: { key: "trigger.afterUnless", params: { delay: "2d", anchor: "latest", event: "order.paid", unless: "message.received" } },
      verdict: "suppressed",
      policy: { key: "policy.leverOff", params: {} },
    });
    expect(parsed.unparsed).toEqual([]);
  });

  it("names the contact policies", () => {
    const policyOf = (p: string) =>
      parseExplanation(`r (event x.y): score 1 = propensity 1 x value 1 x context 1 x lever 1; suppressed by ${p}`).chosen!.policy;
    expect(policyOf("quiet hours 22:00-08:00")).toEqual({ key: "policy.quietHours", params: { start: "22:00", end: "08:00" } });
    expect(policyOf("cap 3 per 1.00:00:00 on wecom")).toEqual({ key: "policy.capOnChannel", params: { n: "3", window: "1.00:00:00", channel: "wecom" } });
    expect(policyOf("staff cap 50 open nudges")).toEqual({ key: "policy.staffCap", params: { n: "50" } });
    expect(policyOf("dismissed 3 times")).toEqual({ key: "policy.dismissed", params: { n: "3" } });
    expect(policyOf("a policy from a newer engine")).toEqual({ raw: "a policy from a newer engine" });
  });

  it("keeps what it cannot read as it was written", () => {
    expect(parseExplanation("something else entirely")).toEqual({ alternatives: [], unparsed: ["something else entirely"] });
    expect(parseExplanation(null)).toEqual({ alternatives: [], unparsed: [] });
  });

  it("reads numbers written with a decimal comma", () => {
    const parsed = parseExplanation("r (event x.y): score 0,5 = propensity 0,25 x value 2 x context 1 x lever 1; raised");
    expect(parsed.chosen!.score).toEqual({ total: 0.5, propensity: 0.25, value: 2, context: 1, lever: 1 });
  });
});

describe("plain words", () => {
  it("turns event types and UTC times in a reason into words and local times", () => {
    const text = humaniseReason(
      "friend.added at 2026-03-03 03:00:00Z: new friends should be welcomed within minutes",
      (type) => `<${type}>`,
      (at) => `@${at.toISOString()}`,
    );
    expect(text).toBe("<friend.added> at @2026-03-03T03:00:00.000Z: new friends should be welcomed within minutes");
  });

  it("leaves a reason without codes alone", () => {
    expect(humaniseReason("她问了价格", (t) => t.toUpperCase(), () => "never")).toBe("她问了价格");
  });

  it("gives a length of time in its largest whole unit", () => {
    expect(durationUnit("1.00:00:00")).toEqual({ unit: "day", count: 1 });
    expect(durationUnit("04:00:00")).toEqual({ unit: "hour", count: 4 });
    expect(durationUnit("00:30:00")).toEqual({ unit: "minute", count: 30 });
    expect(durationUnit("1w")).toEqual({ unit: "day", count: 7 });
    expect(durationUnit("90m")).toEqual({ unit: "minute", count: 90 });
    expect(durationUnit("soon")).toBeNull();
  });

  it("says how long a nudge has waited", () => {
    const now = Date.parse("2026-01-01T12:00:00Z");
    expect(ageOf("2026-01-01T11:59:30Z", now)).toEqual({ unit: "second", value: 30 });
    expect(ageOf("2026-01-01T11:57:00Z", now)).toEqual({ unit: "minute", value: 3 });
    expect(ageOf("2026-01-01T09:00:00Z", now)).toEqual({ unit: "hour", value: 3 });
    expect(ageOf("2025-12-30T12:00:00Z", now)).toEqual({ unit: "day", value: 2 });
    expect(ageOf("2026-01-01T12:00:05Z", now)).toEqual({ unit: "second", value: 0 });
  });
});
