import { send } from "./client";

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

/** A rename or delete runs as a tag job over every holder; its progress is at GET /api/v1/console/tag-jobs/{jobId}. */
export interface TagJobAccepted {
  jobId: string;
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
  /** Renames on every holder and in the playbook's rules: a tag job. */
  rename(token: string, tag: string, to: string): Promise<TagJobAccepted> {
    return send(`${tagPath(tag)}/rename`, { method: "POST", headers: { ...json, ...bearer(token) }, body: JSON.stringify({ to }) });
  },
  /** Deletes from the catalog and every holder: a tag job. */
  remove(token: string, tag: string): Promise<TagJobAccepted> {
    return send(tagPath(tag), { method: "DELETE", headers: bearer(token) });
  },
};
