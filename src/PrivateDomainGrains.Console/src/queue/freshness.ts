/**
 * Which nudges are news to this console, from the data and the hub's order alone, never from a timer: what the first
 * replay brings was open when the console looked (old, however late the replay arrives on a busy node); after it, a
 * nudge not shown here before is new (raised live, or while a reconnect was under way), once.
 */
export class Freshness {
  private readonly shown = new Set<string>();
  private looked = false;

  /** The first replay has arrived in full (the hub answered a call made after connecting: see `ConsoleHub.replayed`). */
  replayEnded(): void {
    this.looked = true;
  }

  /** Whether this arrival is news; it is remembered as shown either way, so it is news once at most. */
  arrived(nudgeId: string): boolean {
    if (this.shown.has(nudgeId)) return false;
    this.shown.add(nudgeId);
    return this.looked;
  }
}
