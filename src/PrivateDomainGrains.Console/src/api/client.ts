/**
 * The console's one HTTP client: the platform API's routes the console calls, with errors turned into ApiError
 * (the server answers every error as application/problem+json, RFC 9457).
 */

/** POST /api/v1/auth/console-token and .../refresh answer this. */
export interface ConsoleToken {
  accessToken: string;
  /** ISO 8601. */
  expiresAt: string;
  tenant: string;
  staffId: string;
}

/** A failed call: the HTTP status (0 when the server could not be reached) and the server's ProblemDetails. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    /** From a 429's or 503's Retry-After header, in seconds. */
    readonly retryAfterSeconds: number | undefined,
    /** A 400's errors by field name or JSON path (`$.rules[0].trigger.event`, `$.filter.rfm.recency.min`), when the server lists them. */
    readonly errors: Record<string, string[]> = {},
  ) {
    super(detail ?? title);
    this.name = "ApiError";
  }

  get unreachable(): boolean {
    return this.status === 0;
  }
}

/** The language the server words its messages in (ProblemDetails, an import's reasons): the console's own, kept by i18n.ts. */
let language = "zh-CN";

export function setServerLanguage(locale: string): void {
  language = locale;
}

export async function send<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { Accept: "application/json", "Accept-Language": language, ...init.headers } });
  } catch {
    throw new ApiError(0, "unreachable", undefined, undefined);
  }
  if (response.status === 204) return undefined as T; // No Content: a DELETE's answer has no body to read
  if (response.ok) return (await response.json()) as T;
  let problem: { title?: string; detail?: string; errors?: Record<string, string[]> } = {};
  try {
    problem = await response.json();
  } catch {
    // A proxy's HTML error page, or no body: the status says enough.
  }
  throw new ApiError(response.status, problem.title ?? response.statusText, problem.detail, retryAfter(response.headers.get("Retry-After")), problem.errors ?? {});
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

const json = { "Content-Type": "application/json" };

/** GET /api/v1/console/me. */
export interface ConsoleMe {
  tenant: string;
  staffId: string;
  name: string;
  /** staff, manager or admin. */
  role: string;
  team: string | null;
}

/** A customer in the list (GET /api/v1/console/customers), as the customer directory has it. */
export interface CustomerSummary {
  customerId: string;
  name: string | null;
  owner: string | null;
  remark: string | null;
  tags: string[];
  /** Prospect, FirstPurchase, Repeat, SuperUser or Dormant. */
  tier: string;
  /** Unknown, Active or Lost. */
  status: string;
  /** ISO 8601, to the minute. */
  lastInteractionAt: string | null;
  openNudges: number;
  /** Paid orders. */
  orders: number;
  /** 0-5 each, recency as of the answer; 0: never ordered. */
  rfm: { recency: number; frequency: number; monetary: number };
  /** Paid minus refunded per currency, by currency code; never added across currencies. */
  lifetimeValue: { currency: string; amount: number }[];
}

/** One page of customers; `next` is the `after` of the following page (null: the last). */
export interface CustomerPage {
  items: CustomerSummary[];
  next: string | null;
}

/** What the customer list shows; every given condition holds. */
export interface CustomerQuery {
  q?: string;
  tag?: string;
  tier?: string;
  status?: string;
  hasOpenNudges?: boolean;
  /** Managers and admins: a staff member's id, or "none" for the customers no one owns. */
  owner?: string;
  after?: string;
  limit?: number;
}

/** GET /api/v1/console/customers/{id}: the customer as the platform knows it. */
/** A merge into or out of a customer (GET .../merges); `undoneAt` set once undone. */
export interface CustomerMerge {
  mergeId: string;
  survivorId: string;
  absorbedId: string;
  mergedAt: string;
  mergedBy: string;
  movedEvents: number;
  movedIdentities: number;
  movedNudges: number;
  undoneAt: string | null;
  undoneBy: string | null;
}

export interface Customer {
  customerId: string;
  name: string | null;
  owner: string | null;
  status: string;
  tier: string;
  tags: string[];
  counters: {
    messagesReceived: number;
    messagesSent: number;
    momentLikes: number;
    momentComments: number;
    pageViews: number;
    orders: number;
    refunds: number;
    /** Lifetime value: paid minus refunded, in `currency`. */
    spend: number;
    currency: string | null;
    events: number;
  };
  /** `campaignName`: a campaign's nudge's campaign (staff cannot read the campaign list); null for a rule's. */
  nextBestAction: {
    nudgeId: string;
    kind: string;
    title: string;
    text: string;
    reason: string;
    priority: number;
    at: string;
    why: string | null;
    campaignName?: string | null;
  } | null;
  firstSeenAt: string | null;
  lastInteractionAt: string | null;
  fields: Record<string, string>;
  /** Recency, frequency and monetary scores, 0-5 each (0: never ordered). */
  rfm: { recency: number; frequency: number; monetary: number };
  /** Lifetime value per currency, the customer's own first; never added across currencies (XXX: no currency named). */
  lifetimeValue: { currency: string; amount: number }[];
  /** Phone numbers from the customer's identities (E.164, e.g. +8613800138000), in the order added. */
  phones: string[];
}

/** One entry of a customer's timeline. */
export interface TimelineEntry {
  at: string;
  /** event, nudge-raised, nudge-closed or change. */
  kind: string;
  id: string;
  /** The event type, the nudge kind, how the nudge closed, or the change (tag-added, tag-removed, owner-changed, tier-changed, field-set, status-changed). */
  what: string;
  channel: string | null;
  staffId: string | null;
  text: string | null;
  /** The particulars by name: the event's data, the nudge's reason and source (a campaign's: its campaignName), who closed it (by), what changed and by whom. */
  detail: Record<string, string | null> | null;
}

export interface TimelinePage {
  items: TimelineEntry[];
  next: string | null;
}

function query(parameters: Record<string, string | number | boolean | undefined>): string {
  const given = Object.entries(parameters).filter(([, v]) => v !== undefined && v !== "");
  return given.length ? "?" + new URLSearchParams(given.map(([k, v]) => [k, String(v)])).toString() : "";
}

/** A segment's filter (every condition given must hold); see the API reference of CreateSegment. */
export interface SegmentFilter {
  tags?: { any?: string[]; all?: string[]; none?: string[] };
  tiers?: string[];
  statuses?: string[];
  owners?: string[];
  teams?: string[];
  unowned?: boolean;
  rfm?: { recency?: Range; frequency?: Range; monetary?: Range };
  lifetimeValue?: { currency: string; min?: number; max?: number }[];
  lastInteraction?: { withinDays?: number; notWithinDays?: number; before?: string; after?: string };
  openNudges?: Range;
  fields?: Record<string, string>;
}

export interface Range {
  min?: number;
  max?: number;
}

export interface Segment {
  segmentId: string;
  name: string;
  description: string | null;
  filter: SegmentFilter;
  version: number;
  updatedAt: string;
  /** Who created it in the console (only they or an admin change it); null: created with the integration key. */
  createdBy: string | null;
}

/** A segment member as the customer directory has it. */
export interface SegmentMember {
  customerId: string;
  name: string | null;
  owner: string | null;
  tags: string[];
  tier: string;
  status: string;
  lastInteractionAt: string | null;
  openNudges: number;
  orders: number;
  rfm: { recency: number; frequency: number; monetary: number };
  /** Per ISO 4217 currency; never added across currencies. */
  lifetimeValue: Record<string, number>;
}

export interface SegmentPreview {
  /** Exact, or when `exact` is false an estimate to two significant figures (an exact count would have taken too long). */
  count: number;
  exact: boolean;
  at: string;
  items: SegmentMember[];
  next: string | null;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const segmentsPath = "/api/v1/console/segments";
const customerPath = (customerId: string) => `/api/v1/console/customers/${encodeURIComponent(customerId)}`;

export const api = {
  /** Signs a staff member in. 400: a field is missing or malformed; 401: unknown staff or wrong password; 429: too many attempts. */
  signIn(tenant: string, staffId: string, password: string): Promise<ConsoleToken> {
    return send("/api/v1/auth/console-token", { method: "POST", headers: json, body: JSON.stringify({ tenant, staffId, password }) });
  },

  /** A fresh token with the same tenant and staff member; 401 when the given one is invalid or expired. */
  refresh(accessToken: string): Promise<ConsoleToken> {
    return send("/api/v1/auth/console-token/refresh", { method: "POST", headers: { Authorization: `Bearer ${accessToken}` } });
  },

  /** The signed-in staff member. */
  me(token: string): Promise<ConsoleMe> {
    return send("/api/v1/console/me", { headers: bearer(token) });
  },

  /** The staff member's customers, most recently active first. 400: a malformed filter. */
  customers(token: string, q: CustomerQuery): Promise<CustomerPage> {
    return send("/api/v1/console/customers" + query({ ...q }), { headers: bearer(token) });
  },

  /** One customer; 404 when it does not exist or is not this staff member's. */
  customer(token: string, customerId: string): Promise<Customer> {
    return send(customerPath(customerId), { headers: bearer(token) });
  },

  /** The customer's timeline, newest first, older than `before`. */
  timeline(token: string, customerId: string, before?: string): Promise<TimelinePage> {
    return send(customerPath(customerId) + "/timeline" + query({ before }), { headers: bearer(token) });
  },

  addTag(token: string, customerId: string, tag: string): Promise<Customer> {
    return send(`${customerPath(customerId)}/tags/${encodeURIComponent(tag)}`, { method: "PUT", headers: bearer(token) });
  },

  removeTag(token: string, customerId: string, tag: string): Promise<Customer> {
    return send(`${customerPath(customerId)}/tags/${encodeURIComponent(tag)}`, { method: "DELETE", headers: bearer(token) });
  },

  /** Managers and admins: the tenant's saved segments by name (403 for staff). */
  segments(token: string): Promise<{ items: Segment[] }> {
    return send(segmentsPath, { headers: bearer(token) });
  },

  /** The count and first members of an unsaved filter; 400 with `errors` by JSON path. A manager counts their team's and the unowned. */
  previewSegment(token: string, filter: SegmentFilter, limit = 20): Promise<SegmentPreview> {
    return send(segmentsPath + "/preview", { method: "POST", headers: { ...json, ...bearer(token) }, body: JSON.stringify({ filter, limit }) });
  },

  /** Saves a new segment (no id) or replaces one; 400 with `errors` by JSON path. */
  saveSegment(token: string, segment: { segmentId?: string; name: string; filter: SegmentFilter }): Promise<Segment> {
    const body = JSON.stringify({ name: segment.name, filter: segment.filter });
    return segment.segmentId
      ? send(`${segmentsPath}/${encodeURIComponent(segment.segmentId)}`, { method: "PUT", headers: { ...json, ...bearer(token) }, body })
      : send(segmentsPath, { method: "POST", headers: { ...json, ...bearer(token) }, body });
  },

  async deleteSegment(token: string, segmentId: string): Promise<void> {
    const response = await fetch(`${segmentsPath}/${encodeURIComponent(segmentId)}`, { method: "DELETE", headers: bearer(token) });
    if (!response.ok && response.status !== 404) throw new ApiError(response.status, response.statusText, undefined, undefined);
  },

  /** The next page of a saved segment's members (`cursor`: the previous page's `next`). */
  /** How many of the customers the user may see are in the saved segment now. */
  countSegment(token: string, segmentId: string): Promise<{ count: number; exact: boolean; at: string }> {
    return send(`${segmentsPath}/${encodeURIComponent(segmentId)}/count`, { headers: bearer(token) });
  },

  segmentMembers(token: string, segmentId: string, cursor?: string): Promise<{ items: SegmentMember[]; next: string | null }> {
    return send(`${segmentsPath}/${encodeURIComponent(segmentId)}/members` + query({ cursor, limit: 50 }), { headers: bearer(token) });
  },

  /**
   * POST .../merge-into (managers and admins): merges the customer into `survivorId`, the same person through another
   * channel; the survivor comes back. 403 for staff, 404 when either is not the user's to see, 409 when it cannot be.
   */
  mergeInto(token: string, customerId: string, survivorId: string): Promise<{ merge: { mergeId: string; survivorId: string }; survivor: Customer }> {
    return send(`${customerPath(customerId)}/merge-into`, { method: "POST", headers: { ...bearer(token), ...json }, body: JSON.stringify({ survivorId }) });
  },

  /** GET .../merges: the merges into and out of the customer (an absorbed id: its survivor's), newest first, undone ones included. */
  merges(token: string, customerId: string): Promise<{ items: CustomerMerge[] }> {
    return send(`${customerPath(customerId)}/merges`, { headers: bearer(token) });
  },

  /**
   * POST .../merges/{mergeId}/undo (managers and admins): both customers become exactly what they were. 409 (its detail
   * says what changed) once the survivor changed since, or when it was undone already.
   */
  undoMerge(token: string, customerId: string, mergeId: string): Promise<{ merge: CustomerMerge; survivor: Customer }> {
    return send(`${customerPath(customerId)}/merges/${encodeURIComponent(mergeId)}/undo`, { method: "POST", headers: bearer(token) });
  },

  /** PUT .../remark: sets the remark (备注, at most 200 characters), or clears it with "". */
  setRemark(token: string, customerId: string, remark: string): Promise<Customer> {
    return send(`${customerPath(customerId)}/remark`, { method: "PUT", headers: { ...bearer(token), ...json }, body: JSON.stringify({ remark }) });
  },
};
