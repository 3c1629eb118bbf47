import { Event } from './events.js';
import type { Simulation } from './simulation.js';

export interface StoreOptions {
  /** Most items held at once (default: unbounded). */
  capacity?: number;
}

export type ItemFilter<T> = (item: T) => boolean;

export class StorePut<T> extends Event<T> {
  constructor(
    readonly store: Store<T>,
    readonly item: T,
  ) {
    super(store.sim);
  }

  cancel(): void {
    this.store.cancel(this);
  }
}

export class StoreGet<T> extends Event<T> {
  constructor(
    readonly store: Store<T>,
    readonly filter: ItemFilter<T> | undefined,
  ) {
    super(store.sim);
  }

  cancel(): void {
    this.store.cancel(this);
  }
}

/**
 * Discrete items (vehicles, kits, evacuee groups). put() waits while the store is full; get(filter?)
 * waits for the first item (in insertion order) that passes the filter. Puts are first come, first
 * served; gets are served in order, but a get whose filter matches nothing does not block later ones
 * (SimPy's FilterStore).
 */
export class Store<T> {
  readonly sim: Simulation;
  readonly capacity: number;
  readonly items: T[] = [];
  private readonly gets: Array<StoreGet<T>> = [];
  private readonly puts: Array<StorePut<T>> = [];

  constructor(sim: Simulation, options: StoreOptions = {}) {
    const capacity = options.capacity ?? Infinity;
    if (!(capacity >= 1)) throw new RangeError(`Store capacity must be >= 1, got ${capacity}`);
    this.sim = sim;
    this.capacity = capacity;
  }

  put(item: T): StorePut<T> {
    const req = new StorePut(this, item);
    this.puts.push(req);
    this.settle();
    return req;
  }

  get(filter?: ItemFilter<T>): StoreGet<T> {
    const req = new StoreGet(this, filter);
    this.gets.push(req);
    this.settle();
    return req;
  }

  /** Withdraw a waiting put or get; harmless once served. */
  cancel(req: StorePut<T> | StoreGet<T>): void {
    const queue: Array<StorePut<T> | StoreGet<T>> = req instanceof StorePut ? this.puts : this.gets;
    const i = queue.indexOf(req);
    if (i < 0) return;
    queue.splice(i, 1);
    if (req instanceof StorePut && i === 0) this.settle();
  }

  private settle(): void {
    let progress = true;
    while (progress) {
      progress = false;
      while (this.puts.length > 0 && this.items.length < this.capacity) {
        const put = this.puts.shift() as StorePut<T>;
        this.items.push(put.item);
        put.succeed(put.item);
        progress = true;
      }
      for (let g = 0; g < this.gets.length && this.items.length > 0; ) {
        const get = this.gets[g] as StoreGet<T>;
        const filter = get.filter;
        const idx = filter === undefined ? 0 : this.items.findIndex(filter);
        if (idx < 0) {
          g++;
          continue;
        }
        const [item] = this.items.splice(idx, 1) as [T];
        this.gets.splice(g, 1);
        get.succeed(item);
        progress = true;
      }
    }
  }
}
