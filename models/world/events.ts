/**
 * Typed SimEvents published on a replication's bus (docs/architecture.md section 3: the kernel emits nothing itself).
 * Observers (metrics, trace, drill timeline) subscribe; a replication without tracing keeps no event list.
 *
 * The events form a map from kind to fields. This file declares the events of the world itself (the plan,
 * people, roads, incidents and teams); every hazard and response module declares its own in its folder by
 * declaration merging:
 *
 *   declare module '../../world/events.js' {
 *     interface SimEventMap { 'zone.flooded': { zone: string; peakDepthM: number } }
 *   }
 *
 * so the bus, the trace and the observers stay typed without a central union that every new hazard edits.
 * The trace format is `{ t, kind, ...fields }`, one object per event.
 */
export interface SimEventMap {
  'level.declared': { level: string; previous: string | null };
  'level.stoodDown': { level: string; to: string | null };
  'action.started': { action: string; level: string; type: string; deadlineAt: number | null };
  'action.completed': { action: string; level: string; type: string; onTime: boolean | null };
  'zone.cutOff': { zone: string; persons: number };
  'edge.closed': { edge: string; knownAt: number; until: number };
  'incident.created': { incident: string; type: string; node: string; persons: number };
  'incident.unserved': { incident: string; type: string; waitedMin: number };
  'team.dispatched': { team: string; incident: string; etaMin: number };
  'team.arrived': { team: string; incident: string };
  'team.released': { team: string; incident: string };
  /**
   * Ground shaking reached a facility of the region (a cascade contract between modules: a shaking hazard
   * publishes it for every facility at every shock, 0 the main shock; others, such as storage-tank failures,
   * read the peak ground acceleration without naming the hazard that shook it).
   */
  'facility.shaken': { facility: string; shock: number; magnitude: number; pgaMs2: number };
  observation: {
    home: number;
    travelling: number;
    sheltered: number;
    cutOff: number;
    trapped: number;
    injured: number;
    hospital: number;
    rescued: number;
    dead: number;
  };
}

export type SimEventKind = keyof SimEventMap & string;
export type SimEventOf<K extends SimEventKind> = { t: number; kind: K } & SimEventMap[K];
export type SimEvent = { [K in SimEventKind]: SimEventOf<K> }[SimEventKind];

type Handler = (e: SimEvent) => void;

/** A per-replication publish/subscribe bus; handlers run synchronously, in subscription order. */
export class EventBus {
  private readonly handlers = new Map<string, Handler[]>();
  private readonly all: Handler[] = [];

  on<K extends SimEventKind>(kind: K, handler: (e: SimEventOf<K>) => void): void {
    let list = this.handlers.get(kind);
    if (list === undefined) this.handlers.set(kind, (list = []));
    list.push(handler as unknown as Handler);
  }

  /** Every event (traces). */
  onAny(handler: (e: SimEvent) => void): void {
    this.all.push(handler);
  }

  emit(event: SimEvent): void {
    const list = this.handlers.get(event.kind);
    if (list !== undefined) for (const h of list) h(event);
    for (const h of this.all) h(event);
  }

  /** Whether anyone listens: lets hot paths skip building events nobody reads. */
  wants(kind: SimEventKind): boolean {
    return this.all.length > 0 || this.handlers.has(kind);
  }
}
