/**
 * Storage for the partial trees a road network's searches keep (SparseTree, large graphs only), carved out
 * of large buffers that go back to a pool of the thread when the network is released, so that the next
 * replication's network reuses them.
 *
 * Why: a flood replication on the 100k-junction region detaches about a thousand partial trees, each seven
 * typed arrays, some 60 MB in all. Memory outside the JavaScript heap (typed arrays' buffers) counts
 * towards V8's next full collection, so the replications set one off almost each (6 in 8). Each full
 * collection also dropped the optimised code of short-lived closures, which V8 then compiled again
 * (docs/performance.md, sixth round). With the buffers reused: 1 or 2 in 8, and the replication's CPU
 * 0.66x (docs/performance.md, sixth round).
 *
 * An array handed out stays valid until its arena is released; after that its bytes belong to whoever takes
 * the buffer next. Only the network that owns an arena releases it, when its replication is over.
 */

/** Buffers waiting for an arena, shared by every network of a thread. */
export class BufferPool {
  private readonly free: ArrayBuffer[] = [];

  /**
   * @param bufferBytes the size of every pooled buffer; an array larger than this gets a buffer of its own
   * @param maxFreeBytes the most the pool keeps between replications; buffers beyond it are left to the collector
   * (the flood replications on the 100k-junction region use up to 72 MB, which a thread then keeps)
   */
  constructor(
    readonly bufferBytes = 4 << 20,
    readonly maxFreeBytes = 128 << 20,
  ) {}

  take(): ArrayBuffer {
    return this.free.pop() ?? new ArrayBuffer(this.bufferBytes);
  }

  give(buffers: readonly ArrayBuffer[]): void {
    for (const b of buffers) if ((this.free.length + 1) * this.bufferBytes <= this.maxFreeBytes) this.free.push(b);
  }

  /** Bytes held for reuse (for tests). */
  get freeBytes(): number {
    return this.free.length * this.bufferBytes;
  }
}

/** The thread's pool (each worker thread has its own module instance, so its own pool). */
export const THREAD_BUFFER_POOL = new BufferPool();

/** Zero-filled typed arrays carved from pooled buffers, all given back at once by `release`. */
export class TreeArena {
  private readonly held: ArrayBuffer[] = [];
  private current: ArrayBuffer | null = null;
  private offset = 0;
  private released = false;

  constructor(private readonly pool: BufferPool = THREAD_BUFFER_POOL) {}

  int32(length: number): Int32Array {
    const [buffer, at] = this.place(length * 4);
    return new Int32Array(buffer, at, length).fill(0);
  }

  float64(length: number): Float64Array {
    const [buffer, at] = this.place(length * 8);
    return new Float64Array(buffer, at, length).fill(0);
  }

  /** Give every buffer back to the pool: no array of this arena may be read after this. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.pool.give(this.held);
    this.held.length = 0;
    this.current = null;
  }

  private place(bytes: number): [ArrayBuffer, number] {
    if (this.released) throw new Error('TreeArena: used after release()');
    // 8-byte alignment for the Float64Array views.
    const size = (bytes + 7) & ~7;
    if (size > this.pool.bufferBytes) return [new ArrayBuffer(size), 0];
    if (this.current === null || this.offset + size > this.pool.bufferBytes) {
      this.current = this.pool.take();
      this.held.push(this.current);
      this.offset = 0;
    }
    const at = this.offset;
    this.offset += size;
    return [this.current, at];
  }
}
