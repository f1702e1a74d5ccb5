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
  ) {
    super(detail ?? title);
    this.name = "ApiError";
  }

  get unreachable(): boolean {
    return this.status === 0;
  }
}

export async function send<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { Accept: "application/json", ...init.headers } });
  } catch {
    throw new ApiError(0, "unreachable", undefined, undefined);
  }
  if (response.ok) return (await response.json()) as T;
  let problem: { title?: string; detail?: string } = {};
  try {
    problem = await response.json();
  } catch {
    // A proxy's HTML error page, or no body: the status says enough.
  }
  throw new ApiError(response.status, problem.title ?? response.statusText, problem.detail, retryAfter(response.headers.get("Retry-After")));
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

const json = { "Content-Type": "application/json" };

export const api = {
  /** Signs a staff member in. 400: a field is missing or malformed; 401: unknown staff or wrong password; 429: too many attempts. */
  signIn(tenant: string, staffId: string, password: string): Promise<ConsoleToken> {
    return send("/api/v1/auth/console-token", { method: "POST", headers: json, body: JSON.stringify({ tenant, staffId, password }) });
  },

  /** A fresh token with the same tenant and staff member; 401 when the given one is invalid or expired. */
  refresh(accessToken: string): Promise<ConsoleToken> {
    return send("/api/v1/auth/console-token/refresh", { method: "POST", headers: { Authorization: `Bearer ${accessToken}` } });
  },
};
