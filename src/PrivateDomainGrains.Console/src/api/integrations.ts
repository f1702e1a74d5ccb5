import { send } from "./client";

/** A named API key as the list shows it: never the key itself. */
export interface ApiKeyView {
  keyId: string;
  name: string;
  scopes: string[];
  /** pdg_sk_{keyId}: the key's first characters, to recognise it. */
  prefix: string;
  /** active, expired or revoked. */
  state: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Recorded at most once a minute per node; null: never used. */
  lastUsedAt: string | null;
  rotatedFrom: string | null;
}

/** A key just made or rotated: `key` is shown this once. */
export interface ApiKeyIssued {
  apiKey: ApiKeyView;
  key: string;
  replaced: ApiKeyView | null;
}

export interface WebhookView {
  webhookId: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  enabled: boolean;
  /** Why it was disabled: by an administrator, or the failures that disabled it. */
  disabledReason: string | null;
  disabledAt: string | null;
  consecutiveFailures: number;
  failingSince: string | null;
  lastSuccessAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A subscription with its signing secret (whsec_...), shown this once. */
export interface WebhookSecretIssued {
  webhook: WebhookView;
  secret: string;
}

/** One notification for a subscription and what became of it. */
export interface WebhookDelivery {
  deliveryId: number;
  notificationId: string;
  type: string;
  customerId: string | null;
  occurredAt: string;
  /** pending, delivered or failed. */
  state: string;
  attempts: number;
  lastAttemptAt: string | null;
  /** The receiver's HTTP status at the last attempt; null when it did not answer (see lastError). */
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string;
  deliveredAt: string | null;
}

export interface WebhookDeliveryPage {
  items: WebhookDelivery[];
  nextBefore: number | null;
}

/** The body of create and update. */
export interface WebhookInput {
  url: string;
  eventTypes: string[];
  description: string | null;
  enabled?: boolean;
}

/** The scopes a named key can have (ApiScopes on the server). */
export const apiScopes = [
  "events:write", "customers:read", "customers:write", "playbook:read", "playbook:write", "reports:read",
  "staff:manage", "integrations:manage", "webhooks:manage", "admin",
] as const;

/** What a subscription's event types may name besides "*": every type the platform sends, and their families (WebhookEventTypes on the server). */
export interface WebhookEventTypeList {
  types: string[];
  /** "nudge.*", "customer.*", ...: all of a family's types, also those added later. */
  families: string[];
}

/** The picker's choices: "*" first, then each family followed by its types, as the server lists them. */
export function webhookEventTypes(list: WebhookEventTypeList): string[] {
  return ["*", ...list.families.flatMap((family) => [family, ...list.types.filter((type) => `${type.slice(0, type.indexOf("."))}.*` === family)])];
}

const keys = "/api/v1/console/keys";
const webhooks = "/api/v1/console/webhooks";
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const json = { "Content-Type": "application/json" };

/** The integrations page's routes (an admin's console token; 403 for anyone else); 400s carry `errors` by field. */
export const integrationsApi = {
  async keys(token: string): Promise<ApiKeyView[]> {
    return (await send<{ items: ApiKeyView[] }>(keys, { headers: bearer(token) })).items;
  },

  createKey(token: string, name: string, scopes: string[]): Promise<ApiKeyIssued> {
    return send(keys, { method: "POST", headers: { ...bearer(token), ...json }, body: JSON.stringify({ name, scopes }) });
  },

  /** The old key keeps working for `overlapMinutes`. */
  rotateKey(token: string, keyId: string, overlapMinutes: number): Promise<ApiKeyIssued> {
    return send(`${keys}/${encodeURIComponent(keyId)}/rotate?overlapMinutes=${overlapMinutes}`, { method: "POST", headers: bearer(token) });
  },

  revokeKey(token: string, keyId: string): Promise<ApiKeyView> {
    return send(`${keys}/${encodeURIComponent(keyId)}`, { method: "DELETE", headers: bearer(token) });
  },

  async webhooks(token: string): Promise<WebhookView[]> {
    return (await send<{ items: WebhookView[] }>(webhooks, { headers: bearer(token) })).items;
  },

  createWebhook(token: string, input: WebhookInput): Promise<WebhookSecretIssued> {
    return send(webhooks, { method: "POST", headers: { ...bearer(token), ...json }, body: JSON.stringify(input) });
  },

  /** The types the server sends and accepts: the one list the picker shows. */
  webhookEventTypes(token: string): Promise<WebhookEventTypeList> {
    return send(`${webhooks}/event-types`, { headers: bearer(token) });
  },

  /** Enabled true on a disabled subscription re-enables it with its failures forgotten. */
  updateWebhook(token: string, webhookId: string, input: WebhookInput): Promise<WebhookView> {
    return send(`${webhooks}/${encodeURIComponent(webhookId)}`, { method: "PUT", headers: { ...bearer(token), ...json }, body: JSON.stringify(input) });
  },

  /** Deletes the subscription, its log and its pending notifications (none of them is sent any more). */
  deleteWebhook(token: string, webhookId: string): Promise<void> {
    return send(`${webhooks}/${encodeURIComponent(webhookId)}`, { method: "DELETE", headers: bearer(token) });
  },

  rotateSecret(token: string, webhookId: string): Promise<WebhookSecretIssued> {
    return send(`${webhooks}/${encodeURIComponent(webhookId)}/secret`, { method: "POST", headers: bearer(token) });
  },

  deliveries(token: string, webhookId: string): Promise<WebhookDeliveryPage> {
    return send(`${webhooks}/${encodeURIComponent(webhookId)}/deliveries?limit=50`, { headers: bearer(token) });
  },

  replay(token: string, webhookId: string, deliveryId: number): Promise<WebhookDelivery> {
    return send(`${webhooks}/${encodeURIComponent(webhookId)}/deliveries/${deliveryId}/replay`, { method: "POST", headers: bearer(token) });
  },
};
