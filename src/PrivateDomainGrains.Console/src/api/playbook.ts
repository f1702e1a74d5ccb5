import { send } from "./client";
import type { JsonObject } from "../playbook/document";

/** GET /api/v1/console/playbook: the current playbook (version 0: the built-in default, until the first save). */
export interface PlaybookResponse {
  version: number;
  updatedAt: string | null;
  playbook: JsonObject;
}

/** One stored version (GET .../versions), newest first. */
export interface PlaybookVersionSummary {
  version: number;
  storedAt: string;
  /** admin-key, staff:<id>...; null when not known. */
  storedBy: string | null;
  /** The version a rollback copied. */
  restoredFrom: number | null;
}

export interface PlaybookVersionList {
  current: number;
  versions: PlaybookVersionSummary[];
}

export interface PlaybookVersion extends PlaybookVersionSummary {
  playbook: JsonObject;
}

/** The event of a dry run; the server fills in its id and customer. */
export interface DryRunEvent {
  type: string;
  text?: string;
  channel?: string;
  staffId?: string;
}

/** One nudge the engine considered, with its verdict. */
export interface DryRunCandidate {
  /** The rule id, or sequence/step. */
  rule: string;
  trigger: string;
  kind: string;
  title: string;
  text: string;
  score: number;
  propensity: number;
  value: number;
  context: number;
  lever: number;
  verdict: "Raised" | "Held" | "Suppressed";
  /** The contact policy's (or arbitration's) reason: quiet hours, a cap, lost to another rule... */
  policy: string | null;
  holdUntil: string | null;
  chosen: boolean;
  to: string | null;
  variant: string | null;
  explanation: string;
}

/** POST .../dry-run: what the engine would do now; nothing of it was stored or sent. */
export interface DryRunDecision {
  playbookVersion: number;
  candidate: boolean;
  at: string;
  /** timer, or the event type decided on. */
  input: string;
  tagsAdded: string[];
  tagsRemoved: string[];
  fieldsSet: { name: string; value: string | null }[];
  tier: { from: string; to: string } | null;
  sequences: { sequence: string; step: string | null; kind: string; why: string }[];
  candidates: DryRunCandidate[];
  closed: { nudgeId: string; how: string }[];
  nextDueAt: string | null;
  owner: { from: string | null; to: string } | null;
}

const root = "/api/v1/console/playbook";
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const json = { "Content-Type": "application/json" };

/** The playbook editor's routes (an admin's console token; 403 for anyone else). 400s carry `errors` by JSON path. */
export const playbookApi = {
  get(token: string): Promise<PlaybookResponse> {
    return send(root, { headers: bearer(token) });
  },

  /** Saves the document as the next version; 400 with every error by JSON path, nothing stored. */
  save(token: string, playbook: JsonObject): Promise<{ version: number }> {
    return send(root, { method: "PUT", headers: { ...bearer(token), ...json }, body: JSON.stringify(playbook) });
  },

  versions(token: string): Promise<PlaybookVersionList> {
    return send(`${root}/versions`, { headers: bearer(token) });
  },

  version(token: string, version: number): Promise<PlaybookVersion> {
    return send(`${root}/versions/${version}`, { headers: bearer(token) });
  },

  /** Stores that version again as the next one. */
  rollback(token: string, version: number): Promise<{ version: number }> {
    return send(`${root}/versions/${version}/rollback`, { method: "POST", headers: bearer(token) });
  },

  /** `playbook` null: the stored one. 400: `$.customerId`, `$.event.type`, the candidate's as `$.playbook...`; 404: unknown customer. */
  dryRun(token: string, customerId: string, playbook: JsonObject | null, event: DryRunEvent | null): Promise<DryRunDecision> {
    return send(`${root}/dry-run`, { method: "POST", headers: { ...bearer(token), ...json }, body: JSON.stringify({ customerId, playbook, event }) });
  },
};
