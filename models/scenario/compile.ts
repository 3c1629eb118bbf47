import { InputError, pointer, type InputIssue } from '../../engine/errors.js';
import type { RoadCsr } from '../../engine/network/index.js';
import type { Registry } from '../modules/registry.js';
import type { HazardModule, ScenarioCompileContext } from '../modules/types.js';
import { REGISTRY } from '../registry.js';
import type { LoadedRegion } from '../region/load.js';
import type { ParameterDist } from '../schema/parameters.js';
import { domainProblem } from './parameter-info.js';
import { selectZoneIndices } from './zone-select.js';
import type { ScenarioDoc, WarningChannelDoc } from '../schema/scenario.js';
import { MAX_HORIZON_MIN, MAX_ZONES } from '../schema/limits.js';
import { reportingUnits } from '../schema/units.js';

export interface CompiledZone {
  index: number;
  id: string;
  name: string;
  county: string;
  /** CSR node index. */
  node: number;
  population: number;
  households: number;
  tags: ReadonlySet<string>;
  /** The zone's only road access (a causeway, a bridge): when it closes, the people at home are cut off. */
  accessEdge: string | null;
}

/** A `hazards:` entry compiled by its module (what `install` receives in every replication). */
export interface CompiledHazard {
  kind: string;
  /** The entry's id (default: its kind). */
  id: string;
  module: HazardModule<never, unknown>;
  compiled: unknown;
}

export interface WarningChannel {
  name: string;
  activationMin: number;
  ratePerMin: number;
  reach: number;
  nightReach: number;
}

export interface CompiledInject {
  id: string;
  atMin: number;
  closeEdge: string;
  forMin: number | null;
  knownAfterMin: number;
}

/** A scenario resolved against its region: every time in minutes, every reference an index. */
export interface CompiledScenario {
  id: string;
  title: string;
  file: string | null;
  startIso: string;
  /** Offset of the start instant from UTC, minutes: local time of day = (startLocal + t). */
  startLocalMinuteOfDay: number;
  horizonMin: number;
  region: LoadedRegion;
  /** Routing skeleton shared by every replication (edge states are per replication). */
  csr: RoadCsr;
  zones: CompiledZone[];
  zoneIndex: ReadonlyMap<string, number>;
  /** Zone indices by their access edge (a closure of the edge cuts them off). */
  zonesByAccessEdge: ReadonlyMap<string, readonly number[]>;
  /** The hazards of the scenario, in file order. */
  hazards: CompiledHazard[];
  /** The modules this scenario was compiled with (plans compile against the same). */
  registry: Registry;
  channels: ReadonlyMap<string, WarningChannel>;
  injects: CompiledInject[];
  parameters: Readonly<Record<string, ParameterDist>>;
  /** Zonal parameters that differ for some zones, in file order (a later entry overrides an earlier one). */
  zoneParameters: CompiledZoneParameters[];
  /** Path of the default plan as written in the scenario (relative to the scenario file). */
  planRef: string | null;
}

export interface CompiledZoneParameters {
  /** Zone indices the entry applies to. */
  zones: Int32Array;
  parameters: Readonly<Record<string, ParameterDist>>;
}

/**
 * The channels a plan may use when the scenario names none: docs/models/response.md section 3
 * (cell broadcast reach 0.85-0.95 of phone owners; sirens and loudspeakers 0.5-0.8 by day, 0.2-0.4 at
 * night indoors; officials reached within 5 min). Rates and activation delays are estimates.
 */
export const DEFAULT_CHANNELS: Readonly<Record<string, WarningChannelDoc>> = {
  'cell-broadcast': { activation: '10min', ratePerH: 6, reach: 0.9, nightReach: 0.75 },
  wechat: { activation: '20min', ratePerH: 2, reach: 0.6, nightReach: 0.35 },
  'tv-radio': { activation: '30min', ratePerH: 1, reach: 0.5, nightReach: 0.15 },
  loudspeaker: { activation: '20min', ratePerH: 3, reach: 0.65, nightReach: 0.35 },
  'door-to-door': { activation: '45min', ratePerH: 0.5, reach: 0.95, nightReach: 0.9 },
};

/** Minute of the local day at the instant written in an ISO string with offset ("...T06:00+08:00" -> 360). */
export function localMinuteOfDay(iso: string): number {
  const m = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(iso);
  if (m === null) return 0;
  return Number(m[1]) * 60 + Number(m[2]) + (m[3] !== undefined ? Number(m[3]) / 60 : 0);
}

export function compileScenario(doc: ScenarioDoc, region: LoadedRegion, file: string | null = null, registry: Registry = REGISTRY): CompiledScenario {
  const issues: InputIssue[] = [];
  const fail = (path: string, message: string) => issues.push({ path, message, ...(file !== null ? { file } : {}) });
  const csr = region.csr;

  const zones: CompiledZone[] = region.zones.zones.map((z, index) => ({
    index,
    id: z.id,
    name: z.name,
    county: z.county,
    node: csr.nodeIndex.get(z.node) ?? -1,
    population: z.population,
    households: z.households ?? Math.round(z.population / 2.54),
    tags: new Set(z.tags ?? []),
    // The region format keeps the access link with the zone's flood data (it is the causeway that floods).
    accessEdge: z.flood?.accessEdge ?? null,
  }));
  const zoneIndex = new Map(zones.map((z) => [z.id, z.index]));
  const zonesByAccessEdge = new Map<string, number[]>();
  for (const z of zones) if (z.accessEdge !== null) zonesByAccessEdge.set(z.accessEdge, [...(zonesByAccessEdge.get(z.accessEdge) ?? []), z.index]);

  const units = reportingUnits(doc.start, fail);
  const time = (value: string | number, path: string): number => units.instant(value, path);
  const duration = (value: string | number, path: string): number => units.duration(value, path);

  const horizonMin = duration(doc.horizon, '/horizon');
  if (horizonMin <= 0) fail('/horizon', 'the horizon must be longer than 0');
  // Every replication keeps a curve point per hour of horizon, merged on the server (models/schema/limits.ts).
  else if (horizonMin > MAX_HORIZON_MIN) fail('/horizon', `the horizon is at most ${MAX_HORIZON_MIN / 1440} days (${MAX_HORIZON_MIN} min); split a longer study into several scenarios`);
  if (zones.length > MAX_ZONES) fail('/region', `the region has ${zones.length} zones; a scenario runs on at most ${MAX_ZONES}`);

  const hazards: CompiledHazard[] = [];
  const seenKinds = new Map<string, string>();
  doc.hazards.forEach((entry, h) => {
    const base = pointer('hazards', h);
    const module = registry.hazard(entry.kind);
    if (module === undefined) {
      fail(`${base}/kind`, `unknown hazard kind '${entry.kind}'; drillsim knows: ${registry.hazards.map((m) => m.kind).join(', ')}`);
      return;
    }
    // One entry per kind: a module's field is one per replication (several floods are one flood's gauges).
    const prior = seenKinds.get(entry.kind);
    if (prior !== undefined) fail(base, `a second '${entry.kind}' hazard; the first is at ${prior} (give one entry per kind)`);
    seenKinds.set(entry.kind, base);
    const ctx: ScenarioCompileContext = { region, csr, zones, start: doc.start, base, fail, time, duration };
    const compiled = module.compile(entry as never, ctx);
    hazards.push({ kind: entry.kind, id: entry.id ?? entry.kind, module, compiled });
  });

  const channels = new Map<string, WarningChannel>();
  const channelDocs = doc.warning?.channels ?? DEFAULT_CHANNELS;
  for (const [name, c] of Object.entries(channelDocs)) {
    channels.set(name, {
      name,
      activationMin: duration(c.activation, `/warning/channels/${name}/activation`),
      ratePerMin: c.ratePerH / 60,
      reach: c.reach,
      nightReach: c.nightReach ?? c.reach,
    });
  }

  const edgeIds = new Set(region.network.edges.map((e) => e.id));
  const injects: CompiledInject[] = (doc.injects ?? []).map((inj, i) => {
    if (!edgeIds.has(inj.closeEdge)) fail(`/injects/${i}/closeEdge`, `unknown edge '${inj.closeEdge}'`);
    return {
      id: inj.id ?? `inject-${i + 1}`,
      atMin: time(inj.at, `/injects/${i}/at`),
      closeEdge: inj.closeEdge,
      forMin: inj.for !== undefined ? duration(inj.for, `/injects/${i}/for`) : null,
      knownAfterMin: inj.knownAfter !== undefined ? duration(inj.knownAfter, `/injects/${i}/knownAfter`) : 0,
    };
  });

  const checkDist = (path: string, name: string, dist: ParameterDist): void => {
    if ((dist.dist === 'uniform' || dist.dist === 'triangular') && !(dist.min <= dist.max)) fail(path, 'min must not exceed max');
    if (dist.dist === 'triangular' && !(dist.min <= dist.mode && dist.mode <= dist.max)) fail(path, 'mode must lie in [min, max]');
    if (dist.dist === 'beta' && dist.sd * dist.sd >= dist.mean * (1 - dist.mean)) {
      fail(path, `sd too large for a beta with mean ${dist.mean}: sd^2 must be below mean (1 - mean)`);
    }
    // What a replication would refuse (a negative flood.peakFactor) fails here, located, not in a batch.
    const problem = domainProblem(name, dist, registry.parameters[name]?.domain);
    if (problem !== undefined) fail(path, problem);
  };
  const parameters = doc.parameters ?? {};
  for (const [name, dist] of Object.entries(parameters)) {
    const path = `/parameters/${name}`;
    if (!Object.prototype.hasOwnProperty.call(registry.parameters, name)) {
      fail(path, `unknown parameter '${name}'; the models read: ${Object.keys(registry.parameters).join(', ')}`);
      continue;
    }
    checkDist(path, name, dist);
  }
  const zonal = Object.entries(registry.parameters).filter(([, info]) => info.zonal === true).map(([name]) => name);
  const zoneParameters: CompiledZoneParameters[] = (doc.zoneParameters ?? []).map((entry, i) => {
    const base = `/zoneParameters/${i}`;
    const picked = selectZoneIndices(zones, zoneIndex, entry.zones, `${base}/zones`, fail);
    for (const [name, dist] of Object.entries(entry.parameters)) {
      const path = `${base}/parameters/${name}`;
      if (!zonal.includes(name)) {
        fail(path, `'${name}' cannot differ by zone; zonal parameters: ${zonal.join(', ') || '(none)'}`);
        continue;
      }
      checkDist(path, name, dist);
    }
    return { zones: picked, parameters: entry.parameters };
  });

  if (issues.length > 0) throw new InputError(issues);
  return {
    id: doc.id,
    title: doc.title,
    file,
    startIso: doc.start,
    startLocalMinuteOfDay: localMinuteOfDay(doc.start),
    horizonMin,
    region,
    csr,
    zones,
    zoneIndex,
    zonesByAccessEdge,
    hazards,
    registry,
    channels,
    injects,
    parameters,
    zoneParameters,
    planRef: doc.plan ?? null,
  };
}
