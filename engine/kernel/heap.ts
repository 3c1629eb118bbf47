/**
 * The future-event list: a binary min-heap keyed by (time, order) held in parallel arrays, so that
 * comparisons read packed doubles rather than the fields of event objects of many shapes.
 *
 * `order` folds docs/architecture.md's (priority, seq) into one double: priority * 2^52 + seq, where seq is a monotone
 * insertion counter. Two entries never share an order, so ties are resolved identically in every run.
 * Keys live in Float64Arrays grown by doubling: no per-push elements-kind checks or array resizing.
 */
export class EventHeap<T> {
  private times = new Float64Array(64);
  private orders = new Float64Array(64);
  private items: Array<T | undefined> = new Array<T | undefined>(64).fill(undefined);
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** Time of the earliest entry, or Infinity when empty. */
  peekTime(): number {
    return this.n === 0 ? Infinity : (this.times[0] as number);
  }

  /** The earliest entry (call only when size > 0). */
  peekItem(): T {
    return this.items[0] as T;
  }

  /** Order key of the earliest entry (call only when size > 0). */
  peekOrder(): number {
    return this.orders[0] as number;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    times.set(this.times);
    const orders = new Float64Array(cap);
    orders.set(this.orders);
    this.times = times;
    this.orders = orders;
    for (let i = this.items.length; i < cap; i++) this.items.push(undefined);
  }

  push(time: number, order: number, item: T): void {
    if (this.n === this.times.length) this.grow();
    const times = this.times;
    const orders = this.orders;
    const items = this.items;
    let i = this.n++;
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < time || (pt === time && (orders[parent] as number) < order)) break;
      times[i] = pt;
      orders[i] = orders[parent] as number;
      items[i] = items[parent];
      i = parent;
    }
    times[i] = time;
    orders[i] = order;
    items[i] = item;
  }

  /** Remove the earliest entry; `lastTime` receives its time. Call only when size > 0. */
  pop(): T {
    const times = this.times;
    const orders = this.orders;
    const items = this.items;
    const top = items[0] as T;
    this.lastTime = times[0] as number;
    const n = --this.n;
    const t = times[n] as number;
    const o = orders[n] as number;
    const it = items[n];
    items[n] = undefined; // let the popped event be collected
    if (n === 0) return top;
    // Sift the former last entry down from the root.
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let ct = times[child] as number;
      let co = orders[child] as number;
      const right = child + 1;
      if (right < n) {
        const rt = times[right] as number;
        const ro = orders[right] as number;
        if (rt < ct || (rt === ct && ro < co)) {
          child = right;
          ct = rt;
          co = ro;
        }
      }
      if (t < ct || (t === ct && o < co)) break;
      times[i] = ct;
      orders[i] = co;
      items[i] = items[child];
      i = child;
    }
    times[i] = t;
    orders[i] = o;
    items[i] = it;
    return top;
  }

  /** Time of the entry last returned by pop(). */
  lastTime = 0;
}
