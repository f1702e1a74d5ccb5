import type { Component } from "vue";

let loading: Promise<Component> | null = null;

/**
 * The snooze calendar's chunk (the heaviest widget, kept off the first screen), loaded once: on first use, or ahead of
 * it once the queue is connected, so that "pick a time" still opens when the connection drops later (a snooze clicked
 * offline waits in the outbox). A failed load is tried again next time.
 */
export function loadSnoozePicker(): Promise<Component> {
  loading ??= import("./SnoozePicker.vue").then(
    (m) => m.default,
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}
