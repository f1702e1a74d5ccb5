import { send } from "./client";
import type { ExecutionGroup } from "./reports";

/** The nudge each owner gets: placeholders such as {name}, {tier}, {field.city} are the playbook's. */
export interface CampaignScript {
  title: string;
  text: string;
  variants?: { id: string; title: string; text: string }[] | null;
}

/** What POST /api/v1/console/campaigns takes (see the API reference, CreateMyCampaign). */
export interface CampaignRequest {
  name: string;
  segmentId: string;
  script: CampaignScript;
  /** ISO 8601; members are reached from then (a past time: now) to endAt, at an even pace. */
  startAt: string;
  endAt: string;
}

/** running (also while waiting for its window), paused, completed, expired (the window ended first) or cancelled. */
export type CampaignState = "running" | "paused" | "completed" | "expired" | "cancelled";

/** A campaign, its progress and (GET one) its results from the execution rollups. */
export interface Campaign {
  campaignId: string;
  name: string;
  segmentId: string;
  segmentVersion: number;
  script: CampaignScript;
  startAt: string;
  endAt: string;
  /** "admin" (the admin key) or the staff id of the console user who created it. */
  by: string;
  state: CampaignState;
  /** The segment's count when the first page was read; 0 before. */
  membersTotal: number;
  /** raised + held + withdrawn + suppressed + failed. */
  reached: number;
  /** Raised to the owner, when reached or later (held, then raised when the policy allowed); as reached in listings. */
  raised: number;
  /** Still held by the contact policy (caps, quiet hours): raised later when it allows. */
  held: number;
  /** Of a cancelled campaign: held, and never to be raised. */
  withdrawn: number;
  /** Never raised: no owner, a cap of 0, dismissed too often. */
  suppressed: number;
  failed: number;
  createdAt: string;
  finishedAt: string | null;
  /** Null in listings and before any nudge was raised. */
  results: ExecutionGroup | null;
}

const path = "/api/v1/console/campaigns";
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const json = { "Content-Type": "application/json" };
const one = (campaignId: string) => `${path}/${encodeURIComponent(campaignId)}`;

/** Managers (their team's campaigns, reaching their team's customers) and admins (the tenant's); 403 for staff. */
export const campaigns = {
  list(token: string): Promise<{ items: Campaign[] }> {
    return send(path, { headers: bearer(token) });
  },

  /** 400 names the field (`name`, `segmentId`, `script.text`, `endAt`...); nothing is stored. */
  create(token: string, request: CampaignRequest): Promise<Campaign> {
    return send(path, { method: "POST", headers: { ...json, ...bearer(token) }, body: JSON.stringify(request) });
  },

  get(token: string, campaignId: string): Promise<Campaign> {
    return send(one(campaignId), { headers: bearer(token) });
  },

  change(token: string, campaignId: string, change: "pause" | "resume" | "cancel"): Promise<Campaign> {
    return send(`${one(campaignId)}/${change}`, { method: "POST", headers: bearer(token) });
  },
};
