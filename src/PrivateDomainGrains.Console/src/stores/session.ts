import { defineStore } from "pinia";
import { computed, ref } from "vue";
import { ApiError, api, type ConsoleToken } from "../api/client";

const storageKey = "pdg.console.session";

/** A signed-in staff member as kept in localStorage, so a reload keeps the session. */
interface StoredSession extends ConsoleToken {
  /** When this browser received the token (ISO 8601, this browser's clock). */
  receivedAt: string;
  /** The token's lifetime in ms, from its own iat and exp (the server's clock), so a skewed local clock does not matter. */
  lifetimeMs: number;
}

/** Why the staff member is looking at the sign-in page, if not by choice. */
export type SignedOutReason = "expired" | null;

/**
 * The one store of the session: who is signed in, their console token, and its renewal. A token is renewed once two
 * thirds of its lifetime have passed (POST /api/v1/auth/console-token/refresh), without a new sign-in; the hub asks
 * for the current token on every (re)connect, so it always presents the newest.
 */
export const useSessionStore = defineStore("session", () => {
  const session = ref<StoredSession | null>(load());
  const signedOutReason = ref<SignedOutReason>(null);
  let renewal: ReturnType<typeof setTimeout> | undefined;

  const signedIn = computed(() => session.value !== null);
  const tenant = computed(() => session.value?.tenant ?? "");
  const staffId = computed(() => session.value?.staffId ?? "");

  /** The token to present now (the hub's accessTokenFactory). */
  function accessToken(): string {
    return session.value?.accessToken ?? "";
  }

  async function signIn(tenantId: string, staff: string, password: string): Promise<void> {
    accept(await api.signIn(tenantId, staff, password));
    signedOutReason.value = null;
  }

  function signOut(reason: SignedOutReason = null): void {
    clearTimeout(renewal);
    session.value = null;
    signedOutReason.value = reason;
    localStorage.removeItem(storageKey);
  }

  function accept(token: ConsoleToken): void {
    const now = Date.now();
    session.value = { ...token, receivedAt: new Date(now).toISOString(), lifetimeMs: tokenLifetimeMs(token.accessToken) ?? Date.parse(token.expiresAt) - now };
    localStorage.setItem(storageKey, JSON.stringify(session.value));
    schedule();
  }

  /** Renews the token now; an invalid or expired token signs out, a network failure is retried shortly. */
  async function renew(): Promise<void> {
    const current = session.value;
    if (!current) return;
    try {
      accept(await api.refresh(current.accessToken));
    } catch (e) {
      if (session.value?.accessToken !== current.accessToken) return; // signed out or renewed meanwhile
      if (e instanceof ApiError && e.status === 401) signOut("expired");
      else retrySoon();
    }
  }

  function schedule(): void {
    clearTimeout(renewal);
    const current = session.value;
    if (!current) return;
    const received = Date.parse(current.receivedAt);
    if (received + current.lifetimeMs <= Date.now()) return signOut("expired");
    const renewAt = received + (current.lifetimeMs * 2) / 3;
    renewal = setTimeout(() => void renew(), Math.max(0, renewAt - Date.now()));
  }

  function retrySoon(): void {
    clearTimeout(renewal);
    const current = session.value;
    const left = current ? Date.parse(current.receivedAt) + current.lifetimeMs - Date.now() : 0;
    if (!(left > 0)) return signOut("expired");
    renewal = setTimeout(() => void renew(), Math.min(10_000, left / 2));
  }

  /**
   * Every tab of the browser shares the stored session: a sign-out in one signs out all, and a token another tab renewed
   * for the same staff member is used here too. A tab that finds someone else signed in (another tab signed in as
   * another staff member) reloads as them: its queue, outbox and customers would otherwise stay the first one's.
   */
  window.addEventListener("storage", (event) => {
    if (event.storageArea !== localStorage || (event.key !== storageKey && event.key !== null)) return;
    const current = session.value;
    const stored = load();
    if (!stored) {
      if (current) signOut(null);
      return;
    }
    if (current && (stored.tenant !== current.tenant || stored.staffId !== current.staffId)) return void window.location.reload();
    if (stored.accessToken !== current?.accessToken) {
      session.value = stored;
      signedOutReason.value = null;
      schedule();
    }
  });

  // A background tab's timers may be throttled: check as soon as the staff member comes back.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") schedule();
  });
  schedule();

  return { session, signedIn, tenant, staffId, signedOutReason, accessToken, signIn, signOut, renew };
});

function load(): StoredSession | null {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey) ?? "null") as StoredSession | null;
    return stored && typeof stored.accessToken === "string" && typeof stored.receivedAt === "string" && typeof stored.lifetimeMs === "number"
      ? stored
      : null;
  } catch {
    return null;
  }
}

/** exp - iat of a JWT, in ms; undefined when the token cannot be read. */
export function tokenLifetimeMs(jwt: string): number | undefined {
  try {
    const payload = jwt.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/");
    const { iat, exp } = JSON.parse(atob(payload)) as { iat?: number; exp?: number };
    return typeof iat === "number" && typeof exp === "number" && exp > iat ? (exp - iat) * 1000 : undefined;
  } catch {
    return undefined;
  }
}
