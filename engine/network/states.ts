/**
 * Timed edge states: closures and degradations set by hazards and drill injects, each with the interval it
 * holds and the time it becomes known (detection plus reporting delay). Two views of the same timeline:
 * - the KNOWN state at t (entries with knownAt <= t that hold at t): what routing plans with;
 * - the TRUE state at t (every entry that holds at t): what a moving traveller actually meets.
 * A known-state epoch changes exactly when the known view can change (an entry becomes effective-and-known,
 * an entry ends, or the timeline is edited), so route caches keyed by epoch never serve a stale route.
 */
import { InputError } from '../errors.js';
import type { TravelMode } from './modes.js';

export type EdgeCondition = 'closed' | { speedFactor?: number; capacityFactor?: number };

export interface EdgeStateEntry {
  /** Edge id. */
  edge: string;
  /** Minutes from scenario start; the state holds on [start, end). */
  start: number;
  end?: number;
  state: EdgeCondition;
  /** When routing learns of it; may be before start (an announced closure) or after (a late report). */
  knownAt: number;
  /**
   * The travel modes the state applies to (default: all). Water on a road closes it to cars at 0.3 m but
   * to high-clearance emergency vehicles only at 0.5 m: two entries with their modes.
   */
  modes?: readonly TravelMode[];
}

/** The combined effect of the states holding on one edge: the most restrictive of each applies. */
export interface EdgeStateValue {
  closed: boolean;
  speedFactor: number;
  capacityFactor: number;
}

export const OPEN: Readonly<EdgeStateValue> = Object.freeze({ closed: false, speedFactor: 1, capacityFactor: 1 });

interface StoredEntry {
  handle: number;
  edge: number;
  start: number;
  end: number;
  knownAt: number;
  closed: boolean;
  speedFactor: number;
  capacityFactor: number;
  /** null: every mode. */
  modes: ReadonlySet<TravelMode> | null;
}

export class EdgeStateTimeline {
  private readonly entries = new Map<number, StoredEntry>();
  private readonly byEdge = new Map<number, StoredEntry[]>();
  private nextHandle = 1;
  /** Sorted instants at which the known view changes; rebuilt lazily after an edit. */
  private instants: number[] | null = [];
  private epochBase = 0;

  /**
   * @param resolveEdge maps an edge id to its index (RoadCsr.edgeIndex); unknown ids are bad input.
   */
  constructor(private readonly resolveEdge: (id: string) => number | undefined) {}

  /** Add a state; returns a handle for `remove` and `report`. */
  add(entry: EdgeStateEntry): number {
    const edge = this.resolveEdge(entry.edge);
    if (edge === undefined) throw new InputError([{ path: '/edge', message: `unknown edge '${entry.edge}'` }]);
    const end = entry.end ?? Infinity;
    if (!(Number.isFinite(entry.start) && Number.isFinite(entry.knownAt)) || !(end > entry.start)) {
      throw new InputError([{ path: '', message: `edge '${entry.edge}': a state needs finite start and knownAt, and end > start` }]);
    }
    let closed = false;
    let speedFactor = 1;
    let capacityFactor = 1;
    if (entry.state === 'closed') closed = true;
    else {
      speedFactor = entry.state.speedFactor ?? 1;
      capacityFactor = entry.state.capacityFactor ?? 1;
      // A factor of 0 is a closure in disguise; say so rather than divide by zero later.
      if (!(speedFactor > 0 && speedFactor <= 1) || !(capacityFactor >= 0 && capacityFactor <= 1)) {
        throw new InputError([{ path: '/state', message: `edge '${entry.edge}': speedFactor must be in (0, 1] and capacityFactor in [0, 1]; use 'closed' for a closure` }]);
      }
    }
    if (entry.modes !== undefined && entry.modes.length === 0) {
      throw new InputError([{ path: '/modes', message: `edge '${entry.edge}': a state with modes must name at least one` }]);
    }
    const modes = entry.modes !== undefined ? new Set(entry.modes) : null;
    const stored: StoredEntry = { handle: this.nextHandle++, edge, start: entry.start, end, knownAt: entry.knownAt, closed, speedFactor, capacityFactor, modes };
    this.entries.set(stored.handle, stored);
    let list = this.byEdge.get(edge);
    if (list === undefined) this.byEdge.set(edge, (list = []));
    list.push(stored);
    this.edited();
    return stored.handle;
  }

  remove(handle: number): boolean {
    const e = this.entries.get(handle);
    if (e === undefined) return false;
    this.entries.delete(handle);
    const list = this.byEdge.get(e.edge)!;
    list.splice(list.indexOf(e), 1);
    if (list.length === 0) this.byEdge.delete(e.edge);
    this.edited();
    return true;
  }

  /** A traveller (or a sensor) reports the state at time t: it becomes known from t if not already. */
  report(handle: number, t: number): void {
    const e = this.entries.get(handle);
    if (e === undefined || e.knownAt <= t) return;
    e.knownAt = t;
    this.edited();
  }

  /** Handles of the entries that hold on `edge` at t (regardless of knowledge); closures only if asked. */
  holdingAt(edge: number, t: number, closuresOnly = false): number[] {
    const list = this.byEdge.get(edge);
    if (list === undefined) return [];
    return list.filter((e) => e.start <= t && t < e.end && (!closuresOnly || e.closed)).map((e) => e.handle);
  }

  get size(): number {
    return this.entries.size;
  }

  private edited(): void {
    // Epochs of different edit generations never collide: each generation starts past every epoch the
    // previous one could return (base .. base + instants; none if it was never asked).
    this.epochBase += (this.instants?.length ?? 0) + 1;
    this.instants = null;
  }

  private changeInstants(): number[] {
    if (this.instants !== null) return this.instants;
    const out: number[] = [];
    for (const e of this.entries.values()) {
      const from = Math.max(e.start, e.knownAt);
      if (from >= e.end) continue; // known only after it ended: never seen by routing
      out.push(from);
      if (e.end < Infinity) out.push(e.end);
    }
    out.sort((a, b) => a - b);
    this.instants = out;
    return out;
  }

  /** Identifies the known view at t: equal epochs mean identical known states on every edge. */
  knownEpoch(t: number): number {
    const xs = this.changeInstants();
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return this.epochBase + lo;
  }

  /** The states holding on the edge at t combined; with a mode, only those that apply to it. */
  private combine(edge: number, t: number, knownOnly: boolean, mode?: TravelMode): EdgeStateValue {
    const list = this.byEdge.get(edge);
    if (list === undefined) return OPEN;
    let closed = false;
    let speedFactor = 1;
    let capacityFactor = 1;
    let any = false;
    for (const e of list) {
      if (!(e.start <= t && t < e.end)) continue;
      if (knownOnly && e.knownAt > t) continue;
      if (mode !== undefined && e.modes !== null && !e.modes.has(mode)) continue;
      any = true;
      if (e.closed) closed = true;
      if (e.speedFactor < speedFactor) speedFactor = e.speedFactor;
      if (e.capacityFactor < capacityFactor) capacityFactor = e.capacityFactor;
    }
    return any ? { closed, speedFactor, capacityFactor: closed ? 0 : capacityFactor } : OPEN;
  }

  /** What actually holds on the edge at t (for a mode: the states that apply to it; without: all). */
  trueState(edge: number, t: number, mode?: TravelMode): EdgeStateValue {
    return this.combine(edge, t, false, mode);
  }

  /** What routing knows about the edge at t (for a mode, or all states). */
  knownState(edge: number, t: number, mode?: TravelMode): EdgeStateValue {
    return this.combine(edge, t, true, mode);
  }

  /** Edges with any known state at t, with that state (for building weight arrays; per mode if given). */
  knownStatesAt(t: number, mode?: TravelMode): Array<{ edge: number; state: EdgeStateValue }> {
    const out: Array<{ edge: number; state: EdgeStateValue }> = [];
    for (const edge of [...this.byEdge.keys()].sort((a, b) => a - b)) {
      const s = this.combine(edge, t, true, mode);
      if (s !== OPEN) out.push({ edge, state: s });
    }
    return out;
  }
}
