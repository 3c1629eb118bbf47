/**
 * The future-event list: a binary min-heap keyed by (time, order) held in parallel arrays, so that
 * comparisons read packed doubles rather than the fields of event objects of many shapes.
 *
 * `order` folds DESIGN.md's (priority, seq) into one double: priority * 2^52 + seq, where seq is a monotone
 * insertion counter. Two entries never share an order, so ties are resolved identically in every run.
 */
export class EventHeap<T> {
  private times: number[] = [];
  private orders: number[] = [];
  private items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  /** Time of the earliest entry, or Infinity when empty. */
  peekTime(): number {
    return this.items.length === 0 ? Infinity : (this.times[0] as number);
  }

  /** Order key of the earliest entry (call only when size > 0). */
  peekOrder(): number {
    return this.orders[0] as number;
  }

  push(time: number, order: number, item: T): void {
    const times = this.times;
    const orders = this.orders;
    const items = this.items;
    let i = items.length;
    times.push(time);
    orders.push(order);
    items.push(item);
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < time || (pt === time && (orders[parent] as number) < order)) break;
      times[i] = pt;
      orders[i] = orders[parent] as number;
      items[i] = items[parent] as T;
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
    const lastIndex = items.length - 1;
    const t = times[lastIndex] as number;
    const o = orders[lastIndex] as number;
    const it = items[lastIndex] as T;
    times.pop();
    orders.pop();
    items.pop();
    if (lastIndex === 0) return top;
    // Sift the former last entry down from the root.
    let i = 0;
    const n = lastIndex;
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
      items[i] = items[child] as T;
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
