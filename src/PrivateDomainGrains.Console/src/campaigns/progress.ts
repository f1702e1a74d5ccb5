import type { Campaign, CampaignState } from "../api/campaigns";

/**
 * Pure figures of the campaigns page: how far a campaign has come, what its done rate is, how fast it sends and which
 * actions its state allows.
 */

/** Share of members reached, 0-1; null before the first page counted the members. */
export function reachedShare(c: Pick<Campaign, "membersTotal" | "reached" | "state">): number | null {
  if (c.membersTotal === 0) return c.state === "completed" ? 1 : null;
  return Math.min(1, c.reached / c.membersTotal);
}

/** Done % of the nudges shown (Done in the console or by the owner's own action), as the execution reports count it; null when none were shown. */
export function doneShare(c: Pick<Campaign, "results">): number | null {
  const r = c.results;
  if (!r || r.shown === 0) return null;
  return (r.done + r.doneByAction) / r.shown;
}

/**
 * The pace an even release over the window comes to, in members per hour (pages go at the rate the window allows, so
 * an owner gets their share spread over it); null without members or a window.
 */
export function perHour(members: number, startAt: Date, endAt: Date): number | null {
  const hours = (endAt.getTime() - startAt.getTime()) / 3_600_000;
  if (members <= 0 || hours <= 0) return null;
  return members / hours;
}

/** Which buttons a campaign in this state shows: a finished one none. */
export function actionsFor(state: CampaignState): ("pause" | "resume" | "cancel")[] {
  switch (state) {
    case "running":
      return ["pause", "cancel"];
    case "paused":
      return ["resume", "cancel"];
    default:
      return [];
  }
}
