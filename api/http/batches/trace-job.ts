/**
 * The trace of one replication of a batch, for the web page's map replay (GET
 * /v1/batches/:id/replications/:index/trace). Traces are not stored: a replication is a pure function of
 * (scenario, plan, seed, index), so the server recomputes replication i from the batch's frozen documents
 * and seed on demand, on the batch runner (a worker thread, never the event loop), as one chunk of one
 * replication starting at i.
 *
 * Besides the replication's events (`{ t, kind, ...fields }`, as `drillsim run --trace` writes them) the
 * trace holds what the map draws and the events alone do not say, read from the world while it runs
 * (ReplicationOptions.instrument: reading changes nothing, so the replication is the batch's own):
 *   - each team's moves: where it set off from, where it went, when it left and arrived, and the road path
 *     (open-road shortest path in emergency mode: the model plans under the closures known at the time,
 *     and moves a team when its travel time has passed; the drawn path is the usual road);
 *   - each shelter's occupancy whenever it changes.
 */
import { RoadNetwork } from '../../../engine/network/road-network.js';
import type { MasterSeed } from '../../../engine/random/index.js';
import type { ChunkRange, ChunkRunner } from '../../../engine/batch/types.js';
import { runReplication } from '../../../models/replication.js';
import { DISPATCH } from '../../../models/response/dispatch.js';
import { SHELTERS } from '../../../models/response/shelters.js';
import type { Metrics } from '../../../models/scoring/metrics.js';
import { compileStudy, type StudyInputs } from '../../../models/study/compile-study.js';
import type { SimEvent } from '../../../models/world/events.js';

/** This module's URL, for BatchJob.module. */
export const TRACE_JOB_MODULE: string = import.meta.url;

export interface TracePayload {
  inputs: StudyInputs;
  seed: MasterSeed;
  /** Which of the payload's plans runs (a comparison has two: 0 is A, 1 is B). */
  plan: number;
}

export interface TeamMove {
  team: string;
  /** Node ids: where the team was and where it goes. */
  from: string;
  to: string;
  /** What it goes to (an incident id, or `pre-position:<zone>`). */
  task: string;
  /** Minutes: when it is dispatched, when it sets off (the dispatch plus call-out and turn-out), when it arrives. */
  dispatched: number;
  depart: number;
  arrive: number;
  /** Node ids along the road from `from` to `to` (just [from, to] when no road joins them). */
  path: string[];
}

export interface ShelterSample {
  t: number;
  shelter: string;
  occupancy: number;
}

export interface ReplicationTrace {
  index: number;
  horizonMin: number;
  region: string;
  /** Every event of the replication but the test-only observations, in time order. */
  events: SimEvent[];
  /** Teams: id, type, where each starts, and when it joins (0, or a mutual-aid team's arrival). */
  teams: Array<{ id: string; type: string; node: string; joined: number }>;
  moves: TeamMove[];
  shelters: ShelterSample[];
  metrics: Metrics;
}

export async function createChunkRunner(payload: TracePayload): Promise<ChunkRunner<ReplicationTrace>> {
  const { scenario, plans } = await compileStudy(payload.inputs);
  const plan = plans[payload.plan];
  if (plan === undefined) throw new Error(`trace job: the payload has no plan ${payload.plan}`);
  return (range: ChunkRange): ReplicationTrace => {
    if (range.count !== 1) throw new Error('trace job: one replication per chunk');
    const index = range.start;
    const csr = scenario.csr;
    const events: SimEvent[] = [];
    const pending: Array<Omit<TeamMove, 'path' | 'depart'>> = [];
    const shelters: ShelterSample[] = [];
    const teams: ReplicationTrace['teams'] = [];
    let readOccupancy: (t: number) => void = () => {};
    let readTeams: (t: number) => void = () => {};
    const result = runReplication(scenario, plan, payload.seed, index, {
      instrument: (world) => {
        const dispatch = world.find(DISPATCH);
        // Mutual-aid teams join during the run: each is listed from the event that brought it.
        readTeams = (t) => {
          const all = dispatch?.teams ?? [];
          for (let k = teams.length; k < all.length; k++) teams.push({ id: all[k]!.id, type: all[k]!.type, node: csr.nodeIds[all[k]!.node] ?? '', joined: t });
        };
        readTeams(0);
        const shelterState = world.find(SHELTERS);
        if (shelterState !== undefined) {
          const last = new Float64Array(shelterState.count);
          readOccupancy = (t) => {
            for (let s = 0; s < shelterState.count; s++) {
              const now = shelterState.occupancy[s]!;
              if (now !== last[s]) {
                last[s] = now;
                shelters.push({ t, shelter: shelterState.ids[s]!, occupancy: Math.round(now) });
              }
            }
          };
        }
        if (dispatch === undefined) return;
        // Where a team is when it is dispatched is its node at that moment (the model moves it on arrival).
        world.bus.on('team.dispatched', (e) => {
          const team = dispatch.teams.find((x) => x.id === e.team);
          const incident = dispatch.incidents.find((x) => x.id === e.incident);
          const zone = e.incident.startsWith('pre-position:') ? scenario.zoneIndex.get(e.incident.slice('pre-position:'.length)) : undefined;
          const to = incident?.node ?? (zone !== undefined ? scenario.zones[zone]!.node : -1);
          if (team === undefined || team.node < 0 || to < 0) return;
          pending.push({ team: e.team, from: csr.nodeIds[team.node]!, to: csr.nodeIds[to]!, task: e.incident, dispatched: e.t, arrive: e.t + e.etaMin });
        });
      },
      trace: (e) => {
        if (e.kind === 'observation') return;
        events.push(e);
        readOccupancy(e.t);
        readTeams(e.t);
      },
    });
    // Paths on the open roads, after the run (a network of its own: the replication's is left alone).
    const roads = new RoadNetwork(scenario.region.network, { csr });
    const moves: TeamMove[] = pending.map((m) => {
      const route = m.from === m.to ? null : roads.routeByIds(m.from, m.to, 'emergency', 0);
      const travel = route?.minutes ?? 0;
      return { ...m, depart: Math.max(m.dispatched, m.arrive - travel), path: route?.nodes ?? [m.from, m.to] };
    });
    return { index, horizonMin: scenario.horizonMin, region: scenario.region.manifest.id, events, teams, moves, shelters, metrics: result.metrics };
  };
}
