import { defineStore } from "pinia";
import { ref } from "vue";
import { ApiError } from "../api/client";
import { campaigns, type Campaign } from "../api/campaigns";
import { useSessionStore } from "./session";

/** How long after a read an unknown campaign id may ask for the list again (a campaign created since). */
const refreshAfterMs = 15_000;

/**
 * Campaign names by id, so the console shows "群发：双十一回访" where the server sends a campaign id (a nudge's reason
 * "campaign {id}", the execution rule "campaign:{id}"). Read from the console's campaign list, which answers managers
 * and admins only: for staff every name is unknown (null), and the console then says "campaign" without an id.
 */
export const useCampaignNamesStore = defineStore("campaignNames", () => {
  const session = useSessionStore();
  const names = ref(new Map<string, string>());
  let readFor = "";
  let readAt = 0;
  let reading: Promise<void> | null = null;
  /** A staff member the list refused (403): not asked again for them. */
  let refusedFor = "";

  /** Takes the names of campaigns read elsewhere (the campaigns page). */
  function remember(list: readonly Pick<Campaign, "campaignId" | "name">[]): void {
    const next = new Map(names.value);
    for (const c of list) next.set(c.campaignId, c.name);
    names.value = next;
  }

  async function read(): Promise<void> {
    const who = `${session.tenant}/${session.staffId}`;
    if (!session.signedIn || refusedFor === who || (readFor === who && Date.now() - readAt < refreshAfterMs)) return;
    if (readFor !== who) names.value = new Map();
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
    const name = names.value.get(campaignId);
    if (name === undefined && !reading) reading = read().finally(() => (reading = null));
    return name ?? null;
  }

  return { nameOf, remember };
});
