import { normalCdf } from '../../engine/random/normal-cdf.js';
import type { ResponseModule } from '../modules/types.js';
import { parameterView, type ParameterInfo } from '../scenario/parameter-info.js';
import { WorldKey, type World } from '../world/world.js';
import { DISPATCH, type Incident, type IncidentType, type TeamState } from './dispatch.js';

export const MEDICAL_PARAMETERS = {
  'medical.surgeBedShare': {
    default: { dist: 'triangular', min: 0.2, mode: 0.3, max: 0.45 },
    unit: 'share',
    description: 'share of a hospital\'s staffed beds it can give to disaster casualties (free beds, early discharges, extra beds in corridors)',
    source: 'estimate: Chinese general hospitals run at 85-95 % occupancy; surge plans free 20-40 % of beds within hours by discharging and adding beds',
    domain: { min: 0, max: 1 },
  },
  'medical.patientsPerTrip': {
    default: { dist: 'fixed', value: 8 },
    unit: 'persons',
    description: 'seriously injured a medical team carries to hospital per trip (its ambulances together)',
    source: 'estimate: a team of 4-6 ambulances, one or two stretcher patients each',
    domain: { min: 1 },
  },
  'medical.loadMinPerPatient': {
    default: { dist: 'fixed', value: 10 },
    unit: 'min',
    description: 'on-scene triage, stabilisation and loading per patient',
    source: 'estimate',
    domain: { min: 0 },
  },
  'medical.untreatedMeanSurvivalH': {
    default: { dist: 'triangular', min: 240, mode: 480, max: 960 },
    unit: 'h',
    description: 'mean survival of a seriously injured person waiting for hospital care (constant hazard)',
    source:
      'estimate: of the Hazus severity 2-3 injured (hospital care) only the severity-3 share (life-threatening: a fifth of the collapse injuries, far fewer elsewhere) is at risk without surgery; a mean of about three weeks over all loses about 10 % in two days of waiting',
    domain: { min: 1 },
  },
} as const satisfies Record<string, ParameterInfo>;

/** A hospital as the medical response sees it: where it is, the beds it can give, those taken. */
/**
 * A hospital's building against shaking: the Hazus C1L high-code equivalent-PGA fragility for Extensive damage
 * (median 0.70 g, lognormal dispersion 0.64; Hazus-MH Earthquake Technical Manual, as reproduced in USGS
 * ShakeCast V3 Appendix E), since post-2008 hospitals are fortified to VIII or more. Kept here, not taken from
 * the earthquake's folder: whatever shakes, the module only reads the PGA of `facility.shaken`.
 */
const HOSPITAL_EXTENSIVE = { medianG: 0.7, beta: 0.64 };
/** Standard gravity, m/s². */
const G = 9.80665;

export interface HospitalState {
  id: string;
  node: number;
  county: string;
  beds: number;
  lostBeds: number;
  admitted: number;
}

/**
 * Hospitals and the seriously injured (the ledger's `injured`): beds per hospital (the surge share of its staffed
 * beds), lost to shaking (Hazus C1L high-code Extensive damage at the hospital's PGA: post-2008 hospitals are
 * fortified to VIII or more), the injured dying at a constant hazard while they wait. Medical teams carry them to
 * the nearest hospital with free beds.
 */
export class Medical {
  readonly hospitals: HospitalState[];
  private readonly last: Float64Array;
  deadWaiting = 0;
  readonly waitingPeak = { value: 0 };
  private readonly meanH: number;

  constructor(private readonly world: World) {
    const { scenario } = world;
    const share = parameterView(world.params, MEDICAL_PARAMETERS)['medical.surgeBedShare'];
    this.meanH = parameterView(world.params, MEDICAL_PARAMETERS)['medical.untreatedMeanSurvivalH'];
    this.hospitals = scenario.region.assets.facilities.flatMap((f) =>
      f.kind === 'hospital' && f.hospital !== undefined
        ? [{ id: f.id, node: scenario.csr.nodeIndex.get(f.node) ?? -1, county: f.county, beds: Math.floor(f.hospital.beds * share), lostBeds: 0, admitted: 0 }]
        : [],
    );
    this.last = new Float64Array(scenario.zones.length);
  }

  /** The shaking damaged a hospital: its Extensive-or-worse share of beds is lost (damage only grows). */
  shaken(facility: string, pgaMs2: number): void {
    const h = this.hospitals.find((x) => x.id === facility);
    if (h === undefined) return;
    const pgaG = pgaMs2 / G;
    const lost = pgaG > 0 ? Math.round(h.beds * normalCdf(Math.log(pgaG / HOSPITAL_EXTENSIVE.medianG) / HOSPITAL_EXTENSIVE.beta)) : 0;
    h.lostBeds = Math.max(h.lostBeds, lost);
  }

  free(h: HospitalState): number {
    return h.beds - h.lostBeds - h.admitted;
  }

  /** Deaths among the zone's waiting injured since the last visit (others just arrived are not yet exposed). */
  settle(zone: number, arrived = 0): void {
    const { sim, people } = this.world;
    const n = people.get(zone, 'injured') - arrived;
    const dt = sim.now - this.last[zone]!;
    this.last[zone] = sim.now;
    if (n <= 0 || dt <= 0) return;
    const died = people.move(zone, 'injured', 'dead', sim.stream('medical.survival').binomial(n, 1 - Math.exp(-dt / (60 * this.meanH))));
    this.deadWaiting += died;
  }

  /** The hospital with free beds nearest to a node by the known roads, or null when every bed is taken. */
  nearestWithBeds(node: number, travel: (from: number, to: number) => number): { h: HospitalState; minutes: number } | null {
    let best: HospitalState | null = null;
    let bestMin = Infinity;
    for (const h of this.hospitals) {
      if (this.free(h) <= 0) continue;
      const m = travel(node, h.node);
      if (m < bestMin) {
        best = h;
        bestMin = m;
      }
    }
    return best === null ? null : { h: best, minutes: bestMin };
  }
}

export const MEDICAL = new WorldKey<Medical>('medical');

/** Minutes a team waits before looking again for a free bed when every hospital is full. */
const FULL_RETRY_MIN = 60;

function* carry(world: World, team: TeamState, inc: Incident) {
  const medical = world.get(MEDICAL);
  const dispatch = world.get(DISPATCH);
  const p = parameterView(world.params, MEDICAL_PARAMETERS);
  const { sim, people } = world;
  for (;;) {
    medical.settle(inc.zone);
    const waiting = people.get(inc.zone, 'injured') - inc.inFlight;
    if (waiting <= 0) return;
    const target = medical.nearestWithBeds(inc.node, (a, b) => dispatch.travelMinutes(a, b));
    if (target === null) {
      // Triage without beds: the team stabilises on scene and looks again later.
      yield sim.timeout(FULL_RETRY_MIN);
      continue;
    }
    const take = Math.min(waiting, Math.max(1, Math.round(p['medical.patientsPerTrip'])), medical.free(target.h));
    target.h.admitted += take;
    inc.inFlight += take;
    yield sim.timeout(take * p['medical.loadMinPerPatient'] + target.minutes);
    inc.inFlight -= take;
    medical.settle(inc.zone);
    const moved = people.move(inc.zone, 'injured', 'hospital', take);
    // Beds booked for those who died on the way are free again.
    target.h.admitted -= take - moved;
    yield sim.timeout(dispatch.travelMinutes(target.h.node, inc.node));
  }
}

const medicalIncident: IncidentType = {
  name: 'medical-evacuation',
  needs: ['medical'],
  capable: (team) => team.capabilities.has('medical'),
  maxTeams: (persons) => Math.min(6, Math.max(1, Math.ceil(persons / 40))),
  // After people trapped and life threats under debris, with the roads.
  priority: () => 2,
  waiting: (world, inc) => world.people.get(inc.zone, 'injured') - inc.inFlight,
  work: (world, team, inc) => carry(world, team, inc),
};

/**
 * Medical care of the seriously injured (docs/models/earthquake.md section 4): one `medical-evacuation`
 * incident per zone with people waiting in the ledger's `injured` state; medical teams carry them to the
 * nearest hospital with free beds; shaking takes beds out of damaged hospitals (`facility.shaken`).
 */
export const medicalModule: ResponseModule = {
  name: 'medical',
  serves: ['earthquake'],
  description: 'hospitals with bed capacity, and medical teams carrying the seriously injured to them',
  parameters: MEDICAL_PARAMETERS,
  triggers: [],
  actions: [],
  install(world) {
    const dispatch = world.get(DISPATCH);
    dispatch.registerType(medicalIncident);
    const medical = world.provide(MEDICAL, new Medical(world));
    const { scenario, bus, people } = world;
    const openByZone = new Map<number, Incident>();
    bus.on('facility.shaken', (e) => medical.shaken(e.facility, e.pgaMs2));
    bus.on('people.injured', (e) => {
      const zone = scenario.zoneIndex.get(e.zone)!;
      medical.settle(zone, e.persons);
      medical.waitingPeak.value = Math.max(medical.waitingPeak.value, people.total('injured'));
      const open = openByZone.get(zone);
      if (open !== undefined && !open.closed) return;
      openByZone.set(zone, dispatch.open({ type: 'medical-evacuation', zone, node: scenario.zones[zone]!.node, persons: e.persons }));
    });
    world.atEnd(() => {
      for (const z of scenario.zones) {
        const before = medical.deadWaiting;
        medical.settle(z.index);
        if (medical.deadWaiting > before) world.tally('county', z.county, 'deaths', medical.deadWaiting - before);
      }
      for (const h of medical.hospitals) {
        world.tally('county', h.county, 'hospitalAdmitted', h.admitted);
        world.tally('county', h.county, 'hospitalBedsLost', h.lostBeds);
      }
    });
  },
  metrics: [
    {
      name: 'injuredDeathsWaiting',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'seriously injured who died waiting for hospital care',
      compute: (world) => world.find(MEDICAL)?.deadWaiting ?? 0,
    },
    {
      name: 'injuredAwaitingCareAtEnd',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'seriously injured still waiting for a hospital bed at the horizon',
      compute: (world) => world.people.total('injured'),
    },
    {
      name: 'hospitalBedsLost',
      unit: 'beds',
      direction: 'lower-is-better',
      description: 'surge beds lost to damaged hospitals',
      compute: (world) => world.find(MEDICAL)?.hospitals.reduce((s, h) => s + h.lostBeds, 0) ?? 0,
    },
  ],
};

declare module '../world/events.js' {
  interface SimEventMap {
    /** Seriously injured people of a zone, now in the ledger's `injured` state waiting for hospital care. */
    'people.injured': { zone: string; persons: number };
  }
}
