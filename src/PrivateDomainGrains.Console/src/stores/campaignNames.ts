import { defineStore } from "pinia";
import { ref } from "vue";
import { ApiError } from "../api/client";
import { campaigns, type Campaign } from "../api/campaigns";
import { campaignOfReason, campaignOfRule } from "../queue/wording";
import { useSessionStore } from "./session";

/** How long after a read an unknown campaign id may ask for the list again (a campaign created since). */
const refreshAfterMs = 15_000;

/** Something the server sent about a campaign's nudge: its source ("campaign:{id}") or reason ("campaign {id}"), and the campaign's name beside it. */
export interface NamedSource {
  source?: string | null;
  reason?: string | null;
  campaignName?: string | null;
}

/**
 * Campaign names by id, so the console shows "群发：双十一回访" where the server sends a campaign id (a nudge's reason
 * "campaign {id}", the execution rule "campaign:{id}"). The server names the campaign with each of its nudges (the hub's
 * `nudges`, a timeline's nudge-raised entries), which staff get; managers and admins also read the campaign list. Kept
 * per tenant: a campaign's name never changes. Unknown names are null, and the console then says "campaign" without an id.
 */
export const useCampaignNamesStore = defineStore("campaignNames", () => {
  const session = useSessionStore();
  /** By `${tenant}/${campaignId}`. */
  const names = ref(new Map<string, string>());
  let readFor = "";
  let readAt = 0;
  let reading: Promise<void> | null = null;
  /** A staff member the list refused (403): not asked again for them. */
  let refusedFor = "";

  const keyOf = (campaignId: string) => `${session.tenant}/${campaignId}`;

  function add(found: [campaignId: string, name: string][]): void {
    if (found.every(([id, name]) => names.value.get(keyOf(id)) === name)) return;
    const next = new Map(names.value);
    for (const [id, name] of found) next.set(keyOf(id), name);
    names.value = next;
  }

  /** Takes the names of campaigns read elsewhere (the campaigns page). */
  function remember(list: readonly Pick<Campaign, "campaignId" | "name">[]): void {
    add(list.map((c) => [c.campaignId, c.name]));
  }

  /** Takes the names the server sent with campaigns' nudges (the hub's, timeline entries, a next-best-action); others are passed over. */
  function rememberNamed(items: Iterable<NamedSource>): void {
    const found: [string, string][] = [];
    for (const item of items) {
      const campaignId = item.source ? campaignOfRule(item.source) : item.reason ? campaignOfReason(item.reason) : null;
      if (campaignId !== null && item.campaignName) found.push([campaignId, item.campaignName]);
    }
    if (found.length > 0) add(found);
  }

  async function read(): Promise<void> {
    const who = `${session.tenant}/${session.staffId}`;
    if (!session.signedIn || refusedFor === who || (readFor === who && Date.now() - readAt < refreshAfterMs)) return;
    readFor = who;
    readAt = Date.now();
    try {
      remember((await campaigns.list(session.accessToken())).items);
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) refusedFor = who;
    }
  }

  /** The campaign's name, or null while unknown (then read in the background: the name appears when it arrives). */
  function nameOf(campaignId: string): string | null {
    const name = names.value.get(keyOf(campaignId));
    if (name === undefined && !reading) reading = read().finally(() => (reading = null));
    return name ?? null;
  }

  return { nameOf, remember, rememberNamed };
});
