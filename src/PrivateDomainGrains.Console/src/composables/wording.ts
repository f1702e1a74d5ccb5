import { useI18n } from "vue-i18n";
import type { Phrase } from "../queue/explanation";
import { ageOf, campaignOfRule, humaniseReason, durationUnit, readNudgeCopy, readReason } from "../queue/wording";
import { useCampaignNamesStore } from "../stores/campaignNames";

/** The console's words for what the server sends as codes: event types, kinds, times, rules and policies. */
export function useWording() {
  const { t, te, locale } = useI18n();
  const campaigns = useCampaignNamesStore();

  const eventName = (type: string) => (te(`event.${type.replace(".", "_")}`) ? t(`event.${type.replace(".", "_")}`) : type);
  const kindName = (kind: string) => (te(`nudge.kind.${kind}`) ? t(`nudge.kind.${kind}`) : kind);

  function localTime(at: Date): string {
    const sameDay = at.toDateString() === new Date().toDateString();
    return new Intl.DateTimeFormat(locale.value, sameDay ? { timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" }).format(at);
  }

  /** "3 min ago", "刚刚". */
  function age(createdAt: string, now: number): string {
    const { unit, value } = ageOf(createdAt, now);
    const words = new Intl.RelativeTimeFormat(locale.value, { numeric: "auto", style: "short" });
    return unit === "second" ? words.format(0, "second") : words.format(-value, unit);
  }

  function duration(text: string): string {
    const span = durationUnit(text);
    return span ? t(`unit.${span.unit}`, { n: span.count }, span.count) : text;
  }

  /** A campaign as staff know it: its name ("群发：双十一回访"), or "campaign" while the name is unknown, never its id. */
  function campaignName(campaignId: string): string {
    const name = campaigns.nameOf(campaignId);
    return name === null ? t("campaignName.unknown") : t("campaignName.named", { name });
  }

  /** A rule id as staff know it: the default playbook's rules are named after their kinds, a campaign's by its name. */
  function ruleName(rule: string): string {
    const campaign = campaignOfRule(rule);
    return campaign === null ? kindName(rule) : campaignName(campaign);
  }

  function phrase(p: Phrase): string {
    if ("raw" in p) return p.raw;
    const params: Record<string, string> = { ...p.params };
    if (params.event) params.event = eventName(params.event);
    if (params.unless) params.unless = eventName(params.unless);
    if (params.window) params.window = duration(params.window);
    if (params.delay) params.delay = duration(params.delay);
    if (params.rule) params.rule = ruleName(params.rule);
    if (params.campaign) params.campaign = campaignName(params.campaign);
    if (params.at) params.at = localTime(new Date(params.at));
    return t(p.key, params);
  }

  /** Why a nudge was raised: the server's known reason shapes in words, anything else with its codes worded. */
  function reason(text: string): string {
    const p = readReason(text);
    return "raw" in p ? humaniseReason(text, eventName, localTime) : phrase(p);
  }

  /** A nudge's title or text: the default playbook's templates in the staff member's language, others as written. */
  const copy = (kind: string, text: string) => phrase(readNudgeCopy(kind, text));

  return { eventName, kindName, localTime, age, phrase, ruleName, campaignName, reason, copy };
}
