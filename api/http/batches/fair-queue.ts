/**
 * The batch queue, fair across tokens. Each owner (the token that created a batch; 'local' for the local
 * user without a token) has its own first-in-first-out queue, and the next batch to run is taken from
 * the owner served least recently. One author queuing twenty batches therefore delays another author's
 * single batch by at most one batch, not twenty; and with time slices (service.ts) a long batch that
 * yields goes back to the front of its owner's queue, behind every other owner's next batch.
 */
export class FairQueue {
  /** Per owner, batch ids oldest first; an owner without queued batches has no entry. */
  private readonly byOwner = new Map<string, string[]>();
  private readonly ownerOf = new Map<string, string>();
  /** When each owner last had a batch taken (a counter, not a clock: ties are impossible). */
  private readonly lastServed = new Map<string, number>();
  private served = 0;

  get size(): number {
    return this.ownerOf.size;
  }

  has(id: string): boolean {
    return this.ownerOf.has(id);
  }

  /** Queue a batch at the back of its owner's queue, or at the front (a batch that yielded its slot). */
  push(id: string, owner: string, front = false): void {
    if (this.ownerOf.has(id)) return;
    this.ownerOf.set(id, owner);
    let q = this.byOwner.get(owner);
    if (q === undefined) this.byOwner.set(owner, (q = []));
    if (front) q.unshift(id);
    else q.push(id);
  }

  /** The next batch: the oldest of the owner served least recently (never served counts as earliest). */
  shift(): string | undefined {
    let pick: string | undefined;
    let pickServed = Infinity;
    for (const owner of this.byOwner.keys()) {
      const served = this.lastServed.get(owner) ?? -1;
      // Map order (the order owners first queued) breaks ties between owners never served.
      if (served < pickServed) {
        pick = owner;
        pickServed = served;
      }
    }
    if (pick === undefined) return undefined;
    const q = this.byOwner.get(pick)!;
    const id = q.shift()!;
    if (q.length === 0) this.byOwner.delete(pick);
    this.ownerOf.delete(id);
    this.lastServed.set(pick, this.served++);
    return id;
  }

  remove(id: string): boolean {
    const owner = this.ownerOf.get(id);
    if (owner === undefined) return false;
    this.ownerOf.delete(id);
    const q = this.byOwner.get(owner)!;
    q.splice(q.indexOf(id), 1);
    if (q.length === 0) this.byOwner.delete(owner);
    return true;
  }

  /** Is a batch of some other owner waiting (then a running batch of `owner` should yield its slot)? */
  othersWaiting(owner: string): boolean {
    for (const o of this.byOwner.keys()) if (o !== owner) return true;
    return false;
  }

  clear(): void {
    this.byOwner.clear();
    this.ownerOf.clear();
  }
}
