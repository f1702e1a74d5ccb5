import { computed, onBeforeUnmount, shallowRef } from "vue";

/** What every background job of the console's API answers: its id and state (running until completed or cancelled). */
export interface BackgroundJob {
  jobId: string;
  state: string;
}

/** `worked` of `total`, 0-100 % rounded down; whole when there is nothing to work. */
export function percentOf(worked: number, total: number): number {
  return total === 0 ? 100 : Math.min(100, Math.floor((worked * 100) / total));
}

/**
 * Follows a background job on a page (an identity import, a tag job): the job's status, read again every second while
 * it runs, and `stopped` called once when it completes or is cancelled. A job followed anew replaces the one before
 * (whose late answer is dropped); leaving the page stops the reading.
 */
export function useBackgroundJob<J extends BackgroundJob>(
  read: (jobId: string) => Promise<J>,
  on: { stopped?: (job: J) => unknown; failed: (error: unknown) => void },
) {
  const job = shallowRef<J | null>(null);
  const running = computed(() => job.value?.state === "running");
  let timer: ReturnType<typeof setTimeout> | undefined;

  function next(): void {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const following = job.value;
      if (!following) return;
      let latest = following;
      try {
        latest = await read(following.jobId);
      } catch (e) {
        on.failed(e);
      }
      if (job.value !== following) return; // another job was followed meanwhile
      job.value = latest;
      if (latest.state === "running") next();
      else await on.stopped?.(latest);
    }, 1000);
  }

  /** Shows `status` and reads it again every second while it runs (also after a failed read), or reports it stopped. */
  function follow(status: J): void {
    clearTimeout(timer);
    job.value = status;
    if (status.state === "running") next();
    else void on.stopped?.(status);
  }

  onBeforeUnmount(() => clearTimeout(timer));
  return { job, running, follow };
}
