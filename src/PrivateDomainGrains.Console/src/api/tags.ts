import { send } from "./client";
import { uploadTypeOf } from "./uploads";

/** A tag group of the catalog: names per language ({"zh-CN":"肤质","en":"Skin type"}), exclusive or not, its tags. */
export interface TagGroup {
  groupId: string;
  names: Record<string, string>;
  exclusive: boolean;
  tags: string[];
}

/** A catalog tag: its group (or null) and display names per language. */
export interface CatalogTag {
  tag: string;
  groupId: string | null;
  names: Record<string, string>;
}

/** GET /api/v1/console/tags: every staff member reads it. */
export interface TagCatalog {
  version: number;
  groups: TagGroup[];
  tags: CatalogTag[];
}

/** A tag customers hold or the catalog has (GET /api/v1/console/tags/in-use), with its holder count. */
export interface TagInUse {
  tag: string;
  inCatalog: boolean;
  groupId: string | null;
  names: Record<string, string>;
  holders: number;
}

/**
 * A tag job's progress (GET /api/v1/console/tag-jobs/{jobId}): a completed job has done + failed = total; `changed`
 * of the done had their tags changed (the others held them as asked already).
 */
export interface TagJob {
  jobId: string;
  /** What it does: batch, or the holders' side of a catalog rename, merge or delete (`remove` the tag, `add` the new one). */
  spec: { kind: "batch" | "rename" | "merge" | "delete"; source: string; add: string[]; remove: string[]; by: string | null };
  state: "running" | "completed" | "cancelled";
  total: number;
  done: number;
  changed: number;
  failed: number;
  startedAt: string;
  finishedAt: string | null;
}

/** A rename, merge or delete runs as a tag job over every holder: its first status. */
export interface TagJobAccepted {
  jobId: string;
  job: TagJob;
}

/** One customer of a tag job and what became of it (GET /api/v1/console/tag-jobs/{jobId}/rows). */
export interface TagJobRow {
  seq: number;
  /** The id or CSV line as given. */
  input: string;
  customerId: string | null;
  status: "pending" | "changed" | "unchanged" | "failed";
  error: string | null;
}

const path = "/api/v1/console";
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const json = { "Content-Type": "application/json" };
const tagPath = (tag: string) => `${path}/tags/${encodeURIComponent(tag)}`;

/** The catalog for everyone; its changes for admins only (403 otherwise), each 400 naming the field. */
export const tagsApi = {
  catalog(token: string): Promise<TagCatalog> {
    return send(`${path}/tags`, { headers: bearer(token) });
  },
  inUse(token: string): Promise<{ version: number; items: TagInUse[] }> {
    return send(`${path}/tags/in-use`, { headers: bearer(token) });
  },
  createGroup(token: string, group: { groupId: string; names: Record<string, string>; exclusive: boolean }): Promise<TagGroup> {
    return send(`${path}/tag-groups`, { method: "POST", headers: { ...json, ...bearer(token) }, body: JSON.stringify(group) });
  },
  createTag(token: string, tag: { tag: string; groupId: string | null; names: Record<string, string> }): Promise<TagInUse> {
    return send(`${path}/tags`, { method: "POST", headers: { ...json, ...bearer(token) }, body: JSON.stringify(tag) });
  },
  /** Renames the group (its names per language) or makes it exclusive or not: 409 while customers hold two or more of its tags. */
  updateGroup(token: string, groupId: string, change: { names?: Record<string, string>; exclusive?: boolean }): Promise<TagGroup> {
    return send(`${path}/tag-groups/${encodeURIComponent(groupId)}`, { method: "PUT", headers: { ...json, ...bearer(token) }, body: JSON.stringify(change) });
  },
  /** Deletes the group; its tags stay in the catalog outside any group, and customers keep them. */
  removeGroup(token: string, groupId: string): Promise<void> {
    return send(`${path}/tag-groups/${encodeURIComponent(groupId)}`, { method: "DELETE", headers: bearer(token) });
  },
  /** Changes a catalog tag's group ("" for none) and names per language (all of them: a language left out is dropped). */
  updateTag(token: string, tag: string, change: { groupId: string; names: Record<string, string> }): Promise<TagInUse> {
    return send(tagPath(tag), { method: "PUT", headers: { ...json, ...bearer(token) }, body: JSON.stringify(change) });
  },
  /** Renames on every holder and in the playbook's rules: a tag job. */
  rename(token: string, tag: string, to: string): Promise<TagJobAccepted> {
    return send(`${tagPath(tag)}/rename`, { method: "POST", headers: { ...json, ...bearer(token) }, body: JSON.stringify({ to }) });
  },
  /** Every holder holds `into` instead, and the playbook's rules name it: a tag job. */
  merge(token: string, tag: string, into: string): Promise<TagJobAccepted> {
    return send(`${tagPath(tag)}/merge`, { method: "POST", headers: { ...json, ...bearer(token) }, body: JSON.stringify({ into }) });
  },
  /** Deletes from the catalog and every holder: a tag job. */
  remove(token: string, tag: string): Promise<TagJobAccepted> {
    return send(tagPath(tag), { method: "DELETE", headers: bearer(token) });
  },
  /**
   * Batch tagging: `add` and `remove` for the customers of exactly one of an id list, a saved segment (its members now;
   * a manager's over their team's customers) or a directory filter; 400 naming the field, nothing stored.
   */
  startJob(token: string, job: { add: string[]; remove: string[]; customerIds?: string[]; segmentId?: string }): Promise<TagJobAccepted> {
    return send(`${path}/tag-jobs`, { method: "POST", headers: { ...json, ...bearer(token) }, body: JSON.stringify(job) });
  },
  /**
   * Batch tagging for the customers of a CSV file as it is (a customer id per line, or `kind,value`), for admins; sent
   * naming its charset (`uploadTypeOf`), so a GBK export is read as GBK.
   */
  async startCsvJob(token: string, add: string[], remove: string[], csv: Blob): Promise<TagJobAccepted> {
    const query = new URLSearchParams([...add.map((t) => ["add", t]), ...remove.map((t) => ["remove", t])]);
    const type = await uploadTypeOf(csv, "text/csv");
    return send(`${path}/tag-jobs/csv?${query}`, { method: "POST", headers: { "Content-Type": type, ...bearer(token) }, body: csv });
  },
  /** The first `limit` rows of a job with the given status (`failed`: which customers, and why), in the job's order. */
  jobRows(token: string, jobId: string, status: TagJobRow["status"], limit: number): Promise<{ items: TagJobRow[]; nextAfter: number | null }> {
    return send(`${path}/tag-jobs/${encodeURIComponent(jobId)}/rows?status=${status}&limit=${limit}`, { headers: bearer(token) });
  },
  /** A tag job's progress, for admins (and the manager who started a batch). */
  job(token: string, jobId: string): Promise<TagJob> {
    return send(`${path}/tag-jobs/${encodeURIComponent(jobId)}`, { headers: bearer(token) });
  },
};
