import { describe, expect, it } from "vitest";
import en from "../src/locales/en";
import zhCN from "../src/locales/zh-CN";
import { parseExplanation, type Phrase } from "../src/queue/explanation";
import { ageOf, campaignOfReason, campaignOfRule, durationUnit, humaniseReason, readNudgeCopy, readReason } from "../src/queue/wording";

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

  it("keeps the count of alternatives not listed apart from the last one listed", () => {
    const parsed = parseExplanation(
      "r0 (event page.viewed): score 1 = propensity 0.5 x value 2 x context 1 x lever 1; raised\n" +
        "vs r1 (event page.viewed): score 0.5 = propensity 0.5 x value 1 x context 1 x lever 1; held until 2025-03-03 03:00:00Z by arbitration: lost to r0\n" +
        "and 9 more",
    );
    expect(parsed.alternatives[0]).toMatchObject({ rule: "r1", policy: { key: "policy.lostTo", params: { rule: "r0" } } });
    expect(parsed.unparsed).toEqual(["and 9 more"]);
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

describe("the server's reasons and default texts, read for translation", () => {
  it("reads each reason the default playbook and campaigns write", () => {
    expect(readReason("campaign cmp-7f3a")).toEqual({ key: "reason.campaign", params: { campaign: "cmp-7f3a" } });
    expect(readReason("message.received at 2026-11-30 17:48:00Z is unanswered")).toEqual({ key: "reason.unanswered", params: { at: "2026-11-30T17:48:00Z" } });
    expect(readReason("friend.added at 2026-11-30 09:00:05Z: new friends should be welcomed within minutes")).toEqual({
      key: "reason.welcome",
      params: { at: "2026-11-30T09:00:05Z" },
    });
    expect(readReason("friend.deleted at 2026-11-30 09:00:05Z: the customer is lost")).toEqual({ key: "reason.lost", params: { at: "2026-11-30T09:00:05Z" } });
  });

  it("keeps a playbook author's own reason as written", () => {
    expect(readReason("她问了价格")).toEqual({ raw: "她问了价格" });
    expect(readReason("message.received at 2026-11-30 17:48:00Z, still waiting")).toEqual({ raw: "message.received at 2026-11-30 17:48:00Z, still waiting" });
  });

  it("reads the default playbook's titles and texts with the customer's name, channel and message", () => {
    expect(readNudgeCopy("reply", "Reply to Customer 135")).toEqual({ key: "copy.reply.title", params: { name: "Customer 135", channel: "" } });
    expect(readNudgeCopy("reply", 'Customer 135 wrote via wecom: "想问问价格". Reply now.')).toEqual({
      key: "copy.reply.textVia",
      params: { name: "Customer 135", channel: "wecom", message: '"想问问价格"' },
    });
    expect(readNudgeCopy("welcome", "林晓雯 just added you: send a warm welcome message and ask what brought them here.")).toEqual({
      key: "copy.welcome.text",
      params: { name: "林晓雯", channel: "" },
    });
    expect(readNudgeCopy("customer-lost", "周杰 deleted you")).toEqual({ key: "copy.lost.title", params: { name: "周杰", channel: "" } });
    expect(readNudgeCopy("customer-lost", "周杰 removed you as a friend via wecom. Review the recent conversation to learn why.")).toEqual({
      key: "copy.lost.textVia",
      params: { name: "周杰", channel: "wecom" },
    });
  });

  it("keeps other kinds' and rewritten texts as their author wrote them", () => {
    expect(readNudgeCopy("campaign", "Welcome back, 林晓雯")).toEqual({ raw: "Welcome back, 林晓雯" });
    expect(readNudgeCopy("reply", "快回复她")).toEqual({ raw: "快回复她" });
  });
});

describe("a campaign's execution rule", () => {
  it("names its campaign, and other rules none", () => {
    expect(campaignOfRule("campaign:cmp-7c18a2")).toBe("cmp-7c18a2");
    expect(campaignOfRule("welcome")).toBeNull();
    expect(campaignOfRule("campaign")).toBeNull();
  });

  it("is named by a campaign nudge's reason too, and by no other reason", () => {
    expect(campaignOfReason("campaign cmp-7c18a2")).toBe("cmp-7c18a2");
    expect(campaignOfReason("campaign")).toBeNull();
    expect(campaignOfReason("friend.added at 2025-03-03 03:00:00Z: new friends should be welcomed within minutes")).toBeNull();
  });
});

describe("the words for what the server sends", () => {
  const lookup = (messages: object, key: string) => key.split(".").reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], messages);
  const keyOf = (p: Phrase) => ("key" in p ? p.key : "");

  it("exist in Chinese and English for every reason, title and text shape and every nudge kind", () => {
    const keys = [
      keyOf(readReason("campaign c")),
      keyOf(readReason("message.received at 2026-01-01 00:00:00Z is unanswered")),
      keyOf(readReason("friend.added at 2026-01-01 00:00:00Z: new friends should be welcomed within minutes")),
      keyOf(readReason("friend.deleted at 2026-01-01 00:00:00Z: the customer is lost")),
      ...["welcome", "reply", "lost"].flatMap((k) => [`copy.${k}.title`, `copy.${k}.text`, `copy.${k}.textVia`]),
      ...["welcome", "reply", "customer-lost", "campaign"].map((k) => `nudge.kind.${k}`),
      "campaignName.named",
      "campaignName.unknown",
    ];
    for (const key of keys) {
      expect(typeof lookup(zhCN, key), key).toBe("string");
      expect(typeof lookup(en, key), key).toBe("string");
    }
  });
});
