/**
 * The nudges this console told the hub it opened. Each is sent once: the server counts only the first opening anyway,
 * and a queue that is opened again and again (back from a customer's page) should not resend the whole list. One whose
 * sending failed (the connection dropped) is forgotten, so the next opening sends it again.
 */
export class Openings {
  private readonly sent = new Set<string>();

  /** The ones among `nudgeIds` not sent yet, now counted as sent. */
  take(nudgeIds: Iterable<string>): string[] {
    const fresh = [...new Set(nudgeIds)].filter((id) => !this.sent.has(id));
    for (const id of fresh) this.sent.add(id);
    return fresh;
  }

  /** The hub never answered: a next opening sends it again. */
  forget(nudgeId: string): void {
    this.sent.delete(nudgeId);
  }
}
