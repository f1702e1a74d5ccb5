import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";
import { ref, type Ref } from "vue";
import type { CloseResult, Nudge, NudgeAction, NudgeChange, ReplayTotals, SnoozeResult } from "../queue/nudge";

/** What the staff member sees: live, trying to get back, or without a connection (retrying in the background). */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";

export interface ConsoleHubOptions {
  /** Asked on every connect and reconnect, so a renewed token is picked up. */
  accessToken: () => string;
  /** On every connect, before the replay: how many open nudges it brings. */
  onReplaying?: (totals: ReplayTotals) => void;
  /** Every `nudges` message: on connect the open ones (replayed), then live ones. */
  onNudges: (nudges: Nudge[]) => void;
  /** Every `changed` message: nudges shown here closed elsewhere (another tab, the platform) or were snoozed. */
  onChanged: (changes: NudgeChange[]) => void;
  /** After the first connect and after every reconnect (a time to send what waited). */
  onConnected: () => void;
  /** The hub refused the token (401): the session should renew it or sign out. */
  onUnauthorized: () => void;
  /** A dashboard's connection only watches (`watchExecution`): it is not a console, gets no nudges and marks none delivered. */
  watchOnly?: boolean;
  /** Every `executionChanged` message (after `watchExecution`, at most one a second): the team's figures moved. */
  onExecutionChanged?: () => void;
}

export interface ConsoleHub {
  state: Ref<ConnectionState>;
  start(): void;
  stop(): Promise<void>;
  /** Ack (Done) or Dismiss (Not useful); rejects when the connection is down or drops before the answer. */
  close(nudgeId: string, action: NudgeAction): Promise<CloseResult>;
  /** Hides the nudge until `until` (at most 30 days ahead); rejects when the connection is down. */
  snooze(nudgeId: string, until: Date): Promise<SnoozeResult>;
  /** The staff member opened the nudge (its customer, its "why"): the reports count its first opening; rejects when the connection is down. */
  opened(nudgeId: string): Promise<"opened" | "unknown" | "invalid">;
  /**
   * Resolves once the replay of this connect has arrived in full. The hub reads a connection's calls only after its
   * connect handler, which sends the replay, has returned, so the answer to any call made now comes after the last
   * replayed nudge: the call is `Opened` of no id, which the hub answers "invalid" and does nothing with.
   */
  replayed(): Promise<void>;
  /** Managers and admins: hear `executionChanged` for the staff whose figures they see, until the connection drops (call again on every connect). */
  watchExecution(): Promise<"watching" | "forbidden">;
}

/** Waits between reconnect attempts: quick at first, then every 10 s, never giving up. */
const retryDelaysMs = [0, 1000, 2000, 5000];
const steadyRetryMs = 10_000;
/** After this many failed attempts (about 3 s) the console says it is offline, and keeps trying. */
const attemptsBeforeOffline = 3;

/**
 * The console's one hub connection (SignalR, /hubs/console). Reconnects by itself forever: the client's automatic
 * reconnect after a drop, and a retry loop of its own while the first start fails (automatic reconnect only covers
 * connections that were up once).
 */
export function createConsoleHub(options: ConsoleHubOptions): ConsoleHub {
  const state = ref<ConnectionState>("connecting");
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const connection: HubConnection = new HubConnectionBuilder()
    .withUrl(options.watchOnly ? "/hubs/console?purpose=watch" : "/hubs/console", { accessTokenFactory: options.accessToken })
    .withAutomaticReconnect({
      nextRetryDelayInMilliseconds(context) {
        if (context.previousRetryCount >= attemptsBeforeOffline) state.value = "offline";
        return retryDelaysMs[context.previousRetryCount] ?? steadyRetryMs;
      },
    })
    .configureLogging(LogLevel.Warning)
    .build();

  // A handler returning a value would be taken as an answer the server never asked for (an error logged): none here.
  connection.on("replaying", (totals: ReplayTotals) => void options.onReplaying?.(totals));
  connection.on("nudges", (nudges: Nudge[]) => options.onNudges(nudges));
  connection.on("changed", (changes: NudgeChange[]) => options.onChanged(changes));
  connection.on("executionChanged", () => options.onExecutionChanged?.());
  connection.onreconnecting(() => (state.value = "reconnecting"));
  connection.onreconnected(() => {
    state.value = "connected";
    options.onConnected();
  });
  connection.onclose(() => {
    if (stopped) return;
    state.value = "offline";
    startWithRetry(steadyRetryMs);
  });

  async function startOnce(): Promise<boolean> {
    try {
      await connection.start();
      state.value = "connected";
      options.onConnected();
      return true;
    } catch (e) {
      // The client wraps a refused negotiate in a plain error naming the status code.
      if (/\b401\b/.test(String(e))) options.onUnauthorized();
      return false;
    }
  }

  function startWithRetry(delayMs: number, attempt = 0): void {
    clearTimeout(retry);
    retry = setTimeout(async () => {
      if (stopped || connection.state !== HubConnectionState.Disconnected) return;
      if (!(await startOnce()) && !stopped) {
        state.value = "offline";
        startWithRetry(retryDelaysMs[attempt + 1] ?? steadyRetryMs, attempt + 1);
      }
    }, delayMs);
  }

  return {
    state,
    start: () => startWithRetry(0),
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await connection.stop();
    },
    close: (nudgeId, action) => connection.invoke<CloseResult>(action === "ack" ? "Ack" : "Dismiss", nudgeId),
    snooze: (nudgeId, until) => connection.invoke<SnoozeResult>("Snooze", nudgeId, until.toISOString()),
    opened: (nudgeId) => connection.invoke<"opened" | "unknown" | "invalid">("Opened", nudgeId),
    replayed: () => connection.invoke("Opened", "").then(() => undefined),
    watchExecution: () => connection.invoke<"watching" | "forbidden">("WatchExecution"),
  };
}
