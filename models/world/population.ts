/**
 * Where every person of every zone is. A person is in exactly one state at any time; all movement goes
 * through `move`, which refuses to take more people out of a state than it holds, so the totals per
 * zone are conserved by construction (and `check` proves it in tests).
 */
export const PERSON_STATES = ['home', 'travelling', 'sheltered', 'cutOff', 'trapped', 'injured', 'hospital', 'rescued', 'dead'] as const;
export type PersonState = (typeof PERSON_STATES)[number];

/**
 * What each state means. The states are generic: a hazard moves people between them and keeps what is
 * particular to it (water depth, dose, burn) in its own observers.
 */
export const PERSON_STATE_INFO: Readonly<Record<PersonState, string>> = {
  home: 'at home (or wherever they were when the event began), free to leave',
  travelling: 'on the road to a shelter',
  sheltered: 'in a shelter',
  cutOff: 'at home, but their only access is closed',
  trapped: 'unable to move by themselves (under debris, on a roof): waiting for search and rescue',
  injured: 'injured and waiting for medical care',
  hospital: 'in hospital',
  rescued: 'brought out by rescuers',
  dead: 'dead',
};

const STATE_INDEX = Object.fromEntries(PERSON_STATES.map((s, i) => [s, i])) as Record<PersonState, number>;
const N_STATES = PERSON_STATES.length;

export class Population {
  readonly zoneCount: number;
  readonly initial: Float64Array;
  /** counts[zone * N_STATES + state]; whole numbers held in doubles. */
  private readonly counts: Float64Array;
  /** Totals by state over all zones, kept in step for O(1) observers. */
  private readonly totals = new Float64Array(N_STATES);

  constructor(populations: ArrayLike<number>) {
    this.zoneCount = populations.length;
    this.initial = Float64Array.from(populations);
    this.counts = new Float64Array(this.zoneCount * N_STATES);
    for (let z = 0; z < this.zoneCount; z++) {
      const p = this.initial[z] as number;
      if (!Number.isInteger(p) || p < 0) throw new RangeError(`zone ${z}: population must be a whole number >= 0, got ${p}`);
      this.counts[z * N_STATES] = p;
      this.totals[0]! += p;
    }
  }

  get(zone: number, state: PersonState): number {
    return this.counts[zone * N_STATES + STATE_INDEX[state]] as number;
  }

  total(state: PersonState): number {
    return this.totals[STATE_INDEX[state]] as number;
  }

  /**
   * Move up to `n` people of a zone from one state to another; returns how many moved (fewer when the
   * source state holds fewer). `n` is rounded down to whole people.
   */
  move(zone: number, from: PersonState, to: PersonState, n: number): number {
    if (!(n > 0)) return 0;
    const i = zone * N_STATES;
    const a = STATE_INDEX[from];
    const b = STATE_INDEX[to];
    const available = this.counts[i + a] as number;
    const moved = Math.min(available, Math.floor(n));
    if (moved <= 0) return 0;
    this.counts[i + a] = available - moved;
    this.counts[i + b]! += moved;
    this.totals[a]! -= moved;
    this.totals[b]! += moved;
    return moved;
  }

  /** Throws if any zone's states do not add up to its population or any count is negative or fractional. */
  check(): void {
    for (let z = 0; z < this.zoneCount; z++) {
      let sum = 0;
      for (let s = 0; s < N_STATES; s++) {
        const c = this.counts[z * N_STATES + s] as number;
        if (c < 0 || !Number.isInteger(c)) throw new Error(`zone ${z}: state ${PERSON_STATES[s]} holds ${c}`);
        sum += c;
      }
      if (sum !== this.initial[z]) throw new Error(`zone ${z}: states add up to ${sum}, population is ${this.initial[z]}`);
    }
  }

  /** A copy of the counts of one zone by state (for traces and tests). */
  snapshot(zone: number): Record<PersonState, number> {
    const out = {} as Record<PersonState, number>;
    for (const s of PERSON_STATES) out[s] = this.get(zone, s);
    return out;
  }
}
