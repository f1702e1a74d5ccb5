import { watch } from "vue";
import { useRouter } from "vue-router";
import { ApiError } from "../api/client";
import { useSessionStore } from "../stores/session";

/**
 * Calls a console route with the session's token; a 401 (the token expired while the tab slept) renews it once and
 * tries again. A session that cannot be renewed ends, and the page goes back to sign-in.
 */
export function useAuthed() {
  const session = useSessionStore();
  const router = useRouter();
  watch(
    () => session.signedIn,
    (signedIn) => {
      if (!signedIn) void router.replace({ name: "sign-in" });
    },
  );

  return async function authed<T>(call: (token: string) => Promise<T>): Promise<T> {
    try {
      return await call(session.accessToken());
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e;
      await session.renew();
      if (!session.signedIn) throw e;
      return call(session.accessToken());
    }
  };
}
