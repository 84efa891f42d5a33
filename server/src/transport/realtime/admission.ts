/**
 * Handshakes are admitted a few per event-loop turn. Two thousand screens connecting at once (a
 * building after a network cut, or someone's script) would otherwise all be upgraded, signed in and
 * sent their first message in one pass over the network events, holding every broadcast back for
 * a second; waiting their turn costs each of them a few milliseconds and nobody else anything.
 */
export class Admission {
  private waiting: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly perTurn: number) {}

  /** Runs `admit` once earlier handshakes have had their turn. */
  admit(admit: () => void): void {
    this.waiting.push(admit);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.next());
  }

  private next(): void {
    for (const admit of this.waiting.splice(0, this.perTurn)) admit();
    if (this.waiting.length > 0) setImmediate(() => this.next());
    else this.scheduled = false;
  }
}
