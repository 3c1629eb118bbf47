/**
 * Typed SimEvents the flood models publish on a replication's bus (DESIGN.md section 3: the kernel emits
 * nothing itself). Observers (metrics, trace, drill timeline) subscribe; a replication without tracing
 * keeps no event list.
 */
export type SimEvent =
  | { t: number; kind: 'gauge.crossed'; gauge: string; level: 'warning' | 'guaranteed'; stageM: number }
  | { t: number; kind: 'zone.flooded'; zone: string; peakDepthM: number }
  | { t: number; kind: 'zone.dry'; zone: string }
  | { t: number; kind: 'zone.casualties'; zone: string; depthM: number; exposed: number; deaths: number; injured: number }
  | { t: number; kind: 'zone.cutOff'; zone: string; persons: number }
  | { t: number; kind: 'edge.closed'; edge: string; knownAt: number; until: number }
  | { t: number; kind: 'facility.flooded'; facility: string }
  | { t: number; kind: 'level.declared'; level: string; previous: string | null }
  | { t: number; kind: 'level.stoodDown'; level: string; to: string | null }
  | { t: number; kind: 'action.started'; action: string; level: string; type: string; deadlineAt: number | null }
  | { t: number; kind: 'action.completed'; action: string; level: string; onTime: boolean | null }
  | { t: number; kind: 'warning.issued'; channel: string; zones: number; action: string }
  | { t: number; kind: 'evacuation.ordered'; zone: string; action: string }
  | { t: number; kind: 'evacuation.departed'; zone: string; persons: number; shelter: string; arriveAt: number; shadow: boolean }
  | { t: number; kind: 'evacuation.arrived'; zone: string; persons: number; shelter: string }
  | { t: number; kind: 'shelter.opened'; shelter: string }
  | { t: number; kind: 'incident.created'; incident: string; type: string; node: string; persons: number }
  | { t: number; kind: 'team.dispatched'; team: string; incident: string; etaMin: number }
  | { t: number; kind: 'team.arrived'; team: string; incident: string }
  | { t: number; kind: 'team.released'; team: string; incident: string }
  | { t: number; kind: 'rescue.trip'; team: string; incident: string; persons: number }
  | { t: number; kind: 'mutualAid.arrived'; from: string; teams: number; boats: number }
  | { t: number; kind: 'relief.delivered'; shelter: string; reserve: string; kits: number }
  | { t: number; kind: 'observation'; home: number; travelling: number; sheltered: number; cutOff: number; rescued: number; dead: number };

export type SimEventKind = SimEvent['kind'];
export type SimEventOf<K extends SimEventKind> = Extract<SimEvent, { kind: K }>;

/** A per-replication publish/subscribe bus; handlers run synchronously, in subscription order. */
export class EventBus {
  private readonly handlers = new Map<SimEventKind, Array<(e: SimEvent) => void>>();
  private readonly all: Array<(e: SimEvent) => void> = [];

  on<K extends SimEventKind>(kind: K, handler: (e: SimEventOf<K>) => void): void {
    let list = this.handlers.get(kind);
    if (list === undefined) this.handlers.set(kind, (list = []));
    list.push(handler as (e: SimEvent) => void);
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
