import { send } from "../api/client";
import { percentOf } from "../composables/backgroundJob";

/** An identity import's progress (GET /api/v1/console/identity-imports/{jobId}). */
export interface IdentityImport {
  jobId: string;
  /** csv or jsonl. */
  format: string;
  state: "running" | "completed" | "cancelled";
  /** Rows staged from the upload; a completed import has added + unchanged + refused + conflicts = read. */
  read: number;
  added: number;
  unchanged: number;
  refused: number;
  conflicts: number;
  /** Pending events the imported identities attached to their customers. */
  attachedFromPool: number;
  startedAt: string;
  finishedAt: string | null;
}

/** One row of an import and its result; `field` names what is wrong with a refused row (customerId, kind, value or line). */
export interface IdentityImportRow {
  line: number;
  customerId: string | null;
  kind: string | null;
  value: string | null;
  state: "pending" | "added" | "unchanged" | "refused" | "conflict" | "cancelled";
  field: string | null;
  reason: string | null;
}

/** The media type an upload is sent as: JSON lines for .jsonl / .ndjson files, CSV otherwise. */
export function formatOf(fileName: string): "text/csv" | "application/x-ndjson" {
  return /\.(jsonl|ndjson)$/i.test(fileName) ? "application/x-ndjson" : "text/csv";
}

/** Rows the import has worked so far, 0-100 % of those read (100 once it has none). */
export function percentDone(job: Pick<IdentityImport, "read" | "added" | "unchanged" | "refused" | "conflicts">): number {
  return percentOf(job.added + job.unchanged + job.refused + job.conflicts, job.read);
}

const importsPath = "/api/v1/console/identity-imports";
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The console's identity imports (managers and admins; 403 for staff). */
export const identityImports = {
  /** Uploads a file (streamed as the body) as `contentType` (with its charset: `uploadTypeOf`) and starts the import: 202 with its first status. */
  start(token: string, file: Blob, contentType: string): Promise<{ jobId: string; job: IdentityImport }> {
    return send(importsPath, { method: "POST", headers: { ...bearer(token), "Content-Type": contentType }, body: file });
  },

  get(token: string, jobId: string): Promise<IdentityImport> {
    return send(`${importsPath}/${encodeURIComponent(jobId)}`, { headers: bearer(token) });
  },

  /** Stops the import before its next page; answers its final status. */
  cancel(token: string, jobId: string): Promise<IdentityImport> {
    return send(`${importsPath}/${encodeURIComponent(jobId)}/cancel`, { method: "POST", headers: bearer(token) });
  },

  /** The rows in `state` (refused, conflict...) in line order after line `after`. */
  rows(token: string, jobId: string, state: string, after = 0): Promise<{ items: IdentityImportRow[]; nextAfter: number | null }> {
    const query = new URLSearchParams({ state, after: String(after), limit: "100" });
    return send(`${importsPath}/${encodeURIComponent(jobId)}/rows?${query}`, { headers: bearer(token) });
  },
};
