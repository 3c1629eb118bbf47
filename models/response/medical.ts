import { Type } from '@sinclair/typebox';
import { normalCdf } from '../../engine/random/normal-cdf.js';
import { actionKind, planSettingKind, type ResponseModule, type ZoneSelectorValue } from '../modules/types.js';
import { parameterView, type ParameterInfo } from '../scenario/parameter-info.js';
import { WorldKey, type World } from '../world/world.js';
import { DISPATCH, type Incident, type IncidentType } from './dispatch.js';

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
    description: 'on-scene triage, stabilisation and loading per severity-2 patient (START yellow: splint, dress, load)',
    source: 'estimate: START triage itself takes under a minute a casualty (Benson, Koenig & Schultz 1996, Prehosp Disaster Med 11:117); dressing, splinting and loading a stretcher patient about ten',
    domain: { min: 0 },
  },
  'medical.loadMinSevere': {
    default: { dist: 'fixed', value: 20 },
    unit: 'min',
    description: 'on-scene stabilisation and loading per severity-3 patient (START red: airway, bleeding control, fluids, immobilisation)',
    source: 'estimate: advanced life support on scene for a critical trauma patient takes 15-30 min (PHTLS scene-time guidance of about 10 min is for a single patient with a full crew)',
    domain: { min: 0 },
  },
  'medical.severeMeanSurvivalH': {
    default: { dist: 'triangular', min: 6, mode: 12, max: 36 },
    unit: 'h',
    description: 'mean survival of an untreated severity-3 casualty (life-threatening injury) waiting for hospital care (constant hazard)',
    source:
      'estimate: Hazus severity 3 is "an immediate life-threatening condition if not treated adequately and expeditiously" (Hazus-MH Earthquake Technical Manual, Table 13.1); the second peak of trauma deaths falls in the first hours without surgery (Trunkey 1983, Scientific American 249(2):28) and untreated crush syndrome kills within one to three days (Sever, Vanholder & Lameire 2006, N Engl J Med 354:1052)',
    domain: { min: 0.5 },
  },
  'medical.moderateDeteriorationH': {
    default: { dist: 'triangular', min: 48, mode: 96, max: 240 },
    unit: 'h',
    description: 'mean time after which an untreated severity-2 casualty deteriorates to severity 3 (wound infection, crush injury, fractures left unset; constant hazard)',
    source:
      'estimate: Hazus severity 2 needs hospital care but is "not expected to progress to a life-threatening status" when treated; untreated open wounds and crush injuries turn septic over days (Sever, Vanholder & Lameire 2006)',
    domain: { min: 1 },
  },
  'medical.stayModerateD': {
    default: { dist: 'triangular', min: 3, mode: 7, max: 14 },
    unit: 'd',
    description: 'hospital stay of a severity-2 casualty (the bed is free again after it)',
    source: 'estimate: fractures and soft-tissue injuries of earthquake casualties stay one to two weeks (Wenchuan 2008 hospital series)',
    domain: { min: 0 },
  },
  'medical.staySevereD': {
    default: { dist: 'triangular', min: 10, mode: 21, max: 42 },
    unit: 'd',
    description: 'hospital stay of a severity-3 casualty',
    source: 'estimate: major trauma, crush syndrome with dialysis and amputations stay three weeks and more (Wenchuan 2008 hospital series)',
    domain: { min: 0 },
  },
  'medical.fieldHospitalSetupH': {
    default: { dist: 'triangular', min: 4, mode: 8, max: 16 },
    unit: 'h',
    description: 'time from the order to open a field hospital until its beds take patients (travel of the unit and setting up its tents)',
    source: 'estimate: the national emergency medical teams of China (国家紧急医学救援队) are set to deploy within hours and set up a tented hospital in a few more',
    domain: { min: 0 },
  },
} as const satisfies Record<string, ParameterInfo>;

/**
 * A hospital's building against shaking: the Hazus C1L high-code equivalent-PGA fragility for Extensive damage
 * (median 0.70 g, lognormal dispersion 0.64; Hazus-MH Earthquake Technical Manual, as reproduced in USGS
 * ShakeCast V3 Appendix E), since post-2008 hospitals are fortified to VIII or more. Kept here, not taken from
 * the earthquake's folder: whatever shakes, the module only reads the PGA of `facility.shaken`.
 */
const HOSPITAL_EXTENSIVE = { medianG: 0.7, beta: 0.64 };
/** Standard gravity, m/s². */
const G = 9.80665;

/** Severity levels of the hospital-care casualties: 0 = Hazus severity 2 (START yellow), 1 = severity 3 (red). */
const MODERATE = 0;
const SEVERE = 1;

/** Triage policies: by severity (START / Hazus levels, the most severe first) or first come, first served. */
export type TriagePolicy = 'severity' | 'arrival';

export interface HospitalState {
  id: string;
  node: number;
  county: string;
  beds: number;
  lostBeds: number;
  /** Beds taken now (booked for patients on their way, or occupied until their stay ends). */
  admitted: number;
  /** Patients admitted in all, and the most beds taken at one time. */
  admittedTotal: number;
  peak: number;
  /** A field hospital opened by a plan (its beds count once `readyAt` has passed; it cannot be shaken). */
  field: boolean;
  readyAt: number;
}

/** People of a zone injured at the same time and of the same severity, waiting for care. */
interface Cohort {
  t: number;
  n: number;
}

/**
 * Hospitals and the seriously injured (the ledger's `injured`), by severity (Hazus levels 2 and 3; START yellow
 * and red): each zone's waiting casualties are held as cohorts (injury time, count) per severity. An untreated
 * severity-3 casualty dies at a constant hazard (`medical.severeMeanSurvivalH`); an untreated severity-2 one
 * deteriorates to severity 3 (`medical.moderateDeteriorationH`). Medical teams pick up the waiting by the plan's
 * triage policy (most severe first, or first come first served), stabilise them on scene (longer for severity
 * 3) and carry them to the nearest hospital with free beds; the bed is free again after the severity's stay.
 * Beds: the surge share of a hospital's staffed beds, less those lost to shaking (Hazus C1L high-code Extensive
 * damage at the hospital's PGA), plus field hospitals a plan opens.
 */
export class Medical {
  readonly hospitals: HospitalState[];
  private readonly last: Float64Array;
  /** cohorts[zone * 2 + severity], oldest first. */
  private readonly cohorts: Cohort[][];
  /** Died waiting for care: all of them severity 3 by then (severity 2 dies only through severity 3). */
  deadWaiting = 0;
  readonly waitingPeak = { value: 0 };
  readonly policy: TriagePolicy;
  /**
   * Hours from injury to pick-up, summed over people, and the people counted, by severity; those who die waiting
   * and those still waiting at the horizon count as waiting until the horizon (a worse response never shortens it).
   */
  readonly waitSum: [number, number] = [0, 0];
  readonly waitCount: [number, number] = [0, 0];
  private readonly p: Readonly<Record<keyof typeof MEDICAL_PARAMETERS, number>>;

  constructor(private readonly world: World) {
    const { scenario } = world;
    this.p = parameterView(world.params, MEDICAL_PARAMETERS);
    const share = this.p['medical.surgeBedShare'];
    this.policy = (world.plan.settings.get('triage') as TriagePolicy | undefined) ?? 'severity';
    this.hospitals = scenario.region.assets.facilities.flatMap((f) =>
      f.kind === 'hospital' && f.hospital !== undefined
        ? [{ id: f.id, node: scenario.csr.nodeIndex.get(f.node) ?? -1, county: f.county, beds: Math.floor(f.hospital.beds * share), lostBeds: 0, admitted: 0, admittedTotal: 0, peak: 0, field: false, readyAt: 0 }]
        : [],
    );
    this.last = new Float64Array(scenario.zones.length);
    this.cohorts = Array.from({ length: scenario.zones.length * 2 }, () => []);
  }

  /** The shaking damaged a hospital: its Extensive-or-worse share of beds is lost (damage only grows). */
  shaken(facility: string, pgaMs2: number): void {
    const h = this.hospitals.find((x) => x.id === facility && !x.field);
    if (h === undefined) return;
    const pgaG = pgaMs2 / G;
    const lost = pgaG > 0 ? Math.round(h.beds * normalCdf(Math.log(pgaG / HOSPITAL_EXTENSIVE.medianG) / HOSPITAL_EXTENSIVE.beta)) : 0;
    h.lostBeds = Math.max(h.lostBeds, lost);
  }

  free(h: HospitalState): number {
    return h.readyAt <= this.world.sim.now ? h.beds - h.lostBeds - h.admitted : 0;
  }

  /** Casualties of a zone waiting for care, of one severity or both. */
  waiting(zone: number, severity?: number): number {
    let n = 0;
    for (let s = 0; s < 2; s++) {
      if (severity !== undefined && s !== severity) continue;
      for (const c of this.cohorts[zone * 2 + s]!) n += c.n;
    }
    return n;
  }

  /** New casualties of a zone (already in the ledger's `injured`): `severe` of them are severity 3. */
  arrived(zone: number, persons: number, severe: number): void {
    this.settle(zone);
    const t = this.world.sim.now;
    const sev = Math.min(persons, Math.max(0, severe));
    if (persons - sev > 0) this.cohorts[zone * 2 + MODERATE]!.push({ t, n: persons - sev });
    if (sev > 0) this.cohorts[zone * 2 + SEVERE]!.push({ t, n: sev });
  }

  /**
   * Bring a zone's waiting casualties up to now: severity-2 ones deteriorate to severity 3, severity-3 ones die,
   * at constant hazards (exact over the interval, a two-stage chain for those who deteriorate and may die in it).
   */
  settle(zone: number): void {
    const { sim, people } = this.world;
    const dt = sim.now - this.last[zone]!;
    this.last[zone] = sim.now;
    if (!(dt > 0)) return;
    const a = 1 / (60 * this.p['medical.moderateDeteriorationH']);
    const b = 1 / (60 * this.p['medical.severeMeanSurvivalH']);
    const stream = sim.stream('medical.survival');
    let died = 0;
    const severe = this.cohorts[zone * 2 + SEVERE]!;
    const pDie = 1 - Math.exp(-b * dt);
    const horizon = this.world.scenario.horizonMin;
    for (const c of severe) {
      const d = stream.binomial(c.n, pDie);
      c.n -= d;
      died += d;
      this.countWait(SEVERE, d, horizon - c.t);
    }
    const moderate = this.cohorts[zone * 2 + MODERATE]!;
    const pDet = 1 - Math.exp(-a * dt);
    // Of those who deteriorated within dt, the share also dead by its end: 1 - P(severe and alive) / P(deteriorated).
    const alive = Math.abs(b - a) < 1e-15 ? a * dt * Math.exp(-a * dt) : (a / (b - a)) * (Math.exp(-a * dt) - Math.exp(-b * dt));
    const pDieAfter = pDet > 0 ? Math.min(1, Math.max(0, 1 - alive / pDet)) : 0;
    const moved: Cohort[] = [];
    for (const c of moderate) {
      const det = stream.binomial(c.n, pDet);
      if (det === 0) continue;
      c.n -= det;
      const d = stream.binomial(det, pDieAfter);
      died += d;
      this.countWait(SEVERE, d, horizon - c.t);
      if (det - d > 0) moved.push({ t: c.t, n: det - d });
    }
    if (moved.length > 0) {
      // They keep their injury time (the wait to care counts from it); the list stays ordered by time.
      severe.push(...moved);
      severe.sort((x, y) => x.t - y.t);
    }
    this.prune(zone);
    if (died > 0) {
      const n = people.move(zone, 'injured', 'dead', died);
      this.deadWaiting += n;
    }
  }

  private countWait(severity: number, n: number, minutes: number): void {
    if (n <= 0) return;
    this.waitSum[severity]! += (n * minutes) / 60;
    this.waitCount[severity]! += n;
  }

  /** Mean hours to pick-up of a severity (0 when nobody of it was injured). */
  meanWaitH(severity: number): number {
    return this.waitCount[severity]! > 0 ? this.waitSum[severity]! / this.waitCount[severity]! : 0;
  }

  private prune(zone: number): void {
    for (let s = 0; s < 2; s++) {
      const list = this.cohorts[zone * 2 + s]!;
      let k = 0;
      for (const c of list) if (c.n > 0) list[k++] = c;
      list.length = k;
    }
  }

  /**
   * Take up to `n` of a zone's waiting casualties for a trip: under `severity` triage all severity 3 (oldest
   * first) before any severity 2; under `arrival`, the oldest injured first whatever their severity (those
   * injured at the same moment in proportion). Returns how many of each severity were taken.
   */
  pick(zone: number, n: number): [number, number] {
    const taken: [number, number] = [0, 0];
    const mod = this.cohorts[zone * 2 + MODERATE]!;
    const sev = this.cohorts[zone * 2 + SEVERE]!;
    const t = this.world.sim.now;
    const take = (list: Cohort[], s: number, want: number): number => {
      let got = 0;
      for (const c of list) {
        if (got >= want) break;
        const k = Math.min(c.n, want - got);
        if (k <= 0) continue;
        c.n -= k;
        got += k;
        this.countWait(s, k, t - c.t);
      }
      taken[s]! += got;
      return got;
    };
    if (this.policy === 'severity') {
      const got = take(sev, SEVERE, n);
      take(mod, MODERATE, n - got);
    } else {
      let left = n;
      let i = 0;
      let j = 0;
      while (left > 0 && (i < mod.length || j < sev.length)) {
        const tm = i < mod.length ? mod[i]!.t : Infinity;
        const ts = j < sev.length ? sev[j]!.t : Infinity;
        const tNext = Math.min(tm, ts);
        const cm = tm === tNext ? mod[i]! : null;
        const cs = ts === tNext ? sev[j]! : null;
        const avail = (cm?.n ?? 0) + (cs?.n ?? 0);
        const k = Math.min(left, avail);
        // Those injured together go in proportion, the severe share rounded (no preference either way).
        const ks = cs === null ? 0 : cm === null ? k : Math.min(cs.n, Math.round((k * cs.n) / avail));
        const km = k - ks;
        if (cs !== null && ks > 0) take([cs], SEVERE, ks);
        if (cm !== null && km > 0) take([cm], MODERATE, km);
        left -= k;
        if (cm !== null && cm.n === 0) i++;
        if (cs !== null && cs.n === 0) j++;
        if (k === 0) break;
      }
    }
    this.prune(zone);
    return taken;
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

  /** Patients admitted: their beds are free again after their severity's hospital stay. */
  admit(h: HospitalState, moderate: number, severe: number): void {
    const { sim } = this.world;
    const release = (n: number, days: number): void => {
      if (n > 0) sim.timeout(days * 1440).onProcessed(() => (h.admitted -= n));
    };
    release(moderate, this.p['medical.stayModerateD']);
    release(severe, this.p['medical.staySevereD']);
  }

  /** A plan opens a field hospital at a node: its beds take patients `setupH` after the order. */
  openField(id: string, node: number, county: string, beds: number): number {
    const readyAt = this.world.sim.now + this.p['medical.fieldHospitalSetupH'] * 60;
    this.hospitals.push({ id, node, county, beds, lostBeds: 0, admitted: 0, admittedTotal: 0, peak: 0, field: true, readyAt });
    this.world.sim.timeout(readyAt - this.world.sim.now).onProcessed(() => this.world.get(DISPATCH).assign());
    return readyAt;
  }

  /** At the horizon: everyone still waiting counts as waiting until the horizon. */
  finishWaits(): void {
    const horizon = this.world.scenario.horizonMin;
    for (let z = 0; z < this.last.length; z++) {
      for (let s = 0; s < 2; s++) for (const c of this.cohorts[z * 2 + s]!) this.countWait(s, c.n, horizon - c.t);
    }
  }
}

export const MEDICAL = new WorldKey<Medical>('medical');

/** Minutes a team waits before looking again for a free bed when every hospital is full. */
const FULL_RETRY_MIN = 60;

function* carry(world: World, inc: Incident) {
  const medical = world.get(MEDICAL);
  const dispatch = world.get(DISPATCH);
  const p = parameterView(world.params, MEDICAL_PARAMETERS);
  const { sim, people } = world;
  for (;;) {
    medical.settle(inc.zone);
    const waiting = medical.waiting(inc.zone);
    if (waiting <= 0) return;
    const target = medical.nearestWithBeds(inc.node, (a, b) => dispatch.travelMinutes(a, b));
    if (target === null) {
      // Triage without beds: the team stabilises on scene and looks again later.
      yield sim.timeout(FULL_RETRY_MIN);
      continue;
    }
    const want = Math.min(waiting, Math.max(1, Math.round(p['medical.patientsPerTrip'])), medical.free(target.h));
    const [moderate, severe] = medical.pick(inc.zone, want);
    const take = moderate + severe;
    target.h.admitted += take;
    target.h.admittedTotal += take;
    target.h.peak = Math.max(target.h.peak, target.h.admitted);
    inc.inFlight += take;
    // Under care from the pick-up: stabilised on scene, no longer deteriorating.
    yield sim.timeout(moderate * p['medical.loadMinPerPatient'] + severe * p['medical.loadMinSevere'] + target.minutes);
    inc.inFlight -= take;
    people.move(inc.zone, 'injured', 'hospital', take);
    medical.admit(target.h, moderate, severe);
    yield sim.timeout(dispatch.travelMinutes(target.h.node, inc.node));
  }
}

const medicalIncident: IncidentType = {
  name: 'medical-evacuation',
  needs: ['medical'],
  capable: (team) => team.capabilities.has('medical'),
  maxTeams: (persons) => Math.min(6, Math.max(1, Math.ceil(persons / 40))),
  // After people trapped, with the roads; under severity triage a zone with severity-3 casualties goes first.
  priority: (world, inc) => {
    const m = world.get(MEDICAL);
    if (m.policy !== 'severity') return 2;
    return m.waiting(inc.zone, SEVERE) > 0 ? 1.8 : 2.2;
  },
  waiting: (world, inc) => world.get(MEDICAL).waiting(inc.zone),
  work: (world, _team, inc) => carry(world, inc),
};

/** Plan setting: how medical teams and hospitals order the casualties. */
const triage = planSettingKind({
  key: 'triage',
  description: 'triage policy of medical teams and hospitals: severity (START / Hazus levels, most severe first; the default) or arrival (first come, first served)',
  schema: Type.Union([Type.Literal('severity'), Type.Literal('arrival')], {
    description: 'severity: the most severe first (START red before yellow); arrival: first come, first served',
  }),
  compile: (doc: TriagePolicy) => doc,
});

/**
 * Plan action: open a field hospital (a tented hospital of a national or provincial emergency medical team) at
 * the most populous of these zones, with this many beds; its beds take patients `medical.fieldHospitalSetupH`
 * after the order. Complete when its beds are ready.
 */
const medicalSurge = actionKind({
  key: 'medicalSurge',
  description: 'open a field hospital with this many beds at the most populous of these zones',
  completion: 'the field hospital takes patients (medical.fieldHospitalSetupH after the order)',
  owner: { en: 'medical rescue group', zh: '医疗救治组' },
  schema: (s) =>
    Type.Object(
      { fieldHospital: Type.Object({ zones: s.zones, beds: Type.Integer({ minimum: 1, maximum: 5000, description: 'beds of the field hospital' }) }, { additionalProperties: false }) },
      { additionalProperties: false },
    ),
  compile: (doc: { fieldHospital: { zones: ZoneSelectorValue; beds: number } }, ctx, path) => {
    const zones = ctx.selectZones(doc.fieldHospital.zones, `${path}/fieldHospital/zones`);
    let best = -1;
    for (let i = 0; i < zones.length; i++) {
      const z = zones[i]!;
      if (best < 0 || ctx.scenario.zones[z]!.population > ctx.scenario.zones[best]!.population) best = z;
    }
    return { zone: best, beds: doc.fieldHospital.beds };
  },
  execute: (c, world, run) => {
    if (c.zone < 0) return run.complete();
    const z = world.scenario.zones[c.zone]!;
    run.complete(world.get(MEDICAL).openField(`field-hospital-${run.id}`, z.node, z.county, c.beds));
  },
});

/**
 * Medical care of the seriously injured (docs/models/earthquake.md section 4): one `medical-evacuation`
 * incident per zone with people waiting in the ledger's `injured` state; medical teams triage and carry them
 * to the nearest hospital with free beds; shaking takes beds out of damaged hospitals (`facility.shaken`).
 */
export const medicalModule: ResponseModule = {
  name: 'medical',
  serves: ['earthquake'],
  description: 'hospitals with bed capacity, triage by severity, and medical teams carrying the seriously injured to them',
  parameters: MEDICAL_PARAMETERS,
  triggers: [],
  actions: [medicalSurge],
  drill: {
    objective: {
      description: 'Triage the injured and bring the most severe to hospital care first; open field hospitals',
      descriptionZh: '检伤分类，优先救治危重伤员；开设野战医院',
      capability: 'Public Health, Healthcare, and Emergency Medical Services',
    },
  },
  planSettings: [triage],
  install(world) {
    const dispatch = world.get(DISPATCH);
    dispatch.registerType(medicalIncident);
    const medical = world.provide(MEDICAL, new Medical(world));
    const { scenario, bus, people } = world;
    const openByZone = new Map<number, Incident>();
    bus.on('facility.shaken', (e) => medical.shaken(e.facility, e.pgaMs2));
    bus.on('people.injured', (e) => {
      const zone = scenario.zoneIndex.get(e.zone)!;
      medical.arrived(zone, e.persons, e.severe ?? 0);
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
      medical.finishWaits();
      for (const h of medical.hospitals) {
        world.tally('county', h.county, 'hospitalAdmitted', h.admittedTotal);
        world.tally('county', h.county, 'hospitalPeakOccupied', h.peak);
        world.tally('county', h.county, 'hospitalBedsLost', h.lostBeds);
      }
    });
  },
  metrics: [
    {
      name: 'injuredDeathsWaiting',
      unit: 'persons',
      direction: 'lower-is-better',
      description: 'seriously injured who died waiting for hospital care (severity 3, or severity 2 who deteriorated)',
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
      name: 'careWaitSevereMeanH',
      unit: 'h',
      direction: 'lower-is-better',
      description: 'mean hours from injury (or extraction) to pick-up for hospital care of severity-3 casualties; those still waiting and those who died waiting count as waiting until the horizon',
      compute: (world) => world.find(MEDICAL)?.meanWaitH(SEVERE) ?? 0,
    },
    {
      name: 'careWaitModerateMeanH',
      unit: 'h',
      direction: 'lower-is-better',
      description: 'mean hours from injury (or extraction) to pick-up for hospital care of severity-2 casualties; those still waiting count as waiting until the horizon',
      compute: (world) => world.find(MEDICAL)?.meanWaitH(MODERATE) ?? 0,
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
    /**
     * Seriously injured people of a zone, now in the ledger's `injured` state waiting for hospital care; `severe`
     * of them are severity 3 (life-threatening), the rest severity 2.
     */
    'people.injured': { zone: string; persons: number; severe?: number };
  }
}
