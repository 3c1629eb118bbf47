import type { ScenarioCompileContext } from '../../modules/types.js';
import { gasHole, liquidHole } from './source.js';
import type { FurtherReleaseDoc, HazchemHazardDoc } from './schema.js';
import { HCL_YIELD, SUBSTANCES, type Substance } from './substances.js';
import type { Terrain } from './stability.js';
import type { Tank } from './region.js';

/** Lognormal fragility of a storage tank in PGA: medians (g) of damage states DS2..DS5 and their dispersions. */
export interface TankFragility {
  name: string;
  medianG: readonly [number, number, number, number];
  beta: readonly [number, number, number, number];
}

/**
 * Tank fragilities (docs/models/hazchem.md section 6). ALA (2001) Seismic Fragility Formulations for Water
 * Systems, on-grade atmospheric steel tanks filled to at least 60 % (JRC RAPID-N record "ALA-G60"). Hazus MR4
 * (FEMA 2003) lifeline tank medians, anchored and unanchored; their dispersion 0.6 is an estimate.
 */
export const TANK_FRAGILITIES: Readonly<Record<string, TankFragility>> = {
  'ala-atmospheric': { name: 'ALA (2001) atmospheric steel tank, fill >= 60 %', medianG: [0.22, 0.7, 1.09, 1.16], beta: [0.8, 0.8, 0.8, 0.41] },
  'hazus-anchored': { name: 'Hazus anchored tank (dispersion estimated)', medianG: [0.3, 0.7, 1.25, 1.6], beta: [0.6, 0.6, 0.6, 0.6] },
  'hazus-unanchored': { name: 'Hazus unanchored tank (dispersion estimated)', medianG: [0.15, 0.35, 0.68, 0.95], beta: [0.6, 0.6, 0.6, 0.6] },
};

/**
 * Share of the entry's release rate by tank damage state DS2 (minor leak), DS3 (moderate), DS4 (major); DS5
 * (catastrophic) releases the whole inventory at once (a puff). Estimates after the RAPID-N loss-of-containment
 * classes.
 */
export const DAMAGE_RATE_SHARE = [0.1, 0.5, 1] as const;

export type CompiledTrigger = { kind: 'at'; atMin: number } | { kind: 'flooded' } | { kind: 'shaken'; fragility: TankFragility };

/** A release entry resolved against its region. */
export interface CompiledRelease {
  id: string;
  facility: string;
  /** Site of the release (the facility's node). */
  lat: number;
  lon: number;
  node: number;
  county: string;
  /** What disperses (a chlorosilane releases HCl). */
  substance: Substance;
  material: string;
  inventoryKg: number;
  /** Release rate of the stored material, kg/s. */
  sourceRateKgS: number;
  /** kg of dispersing gas per kg of material released (airborne share times the hydrolysis yield). */
  gasPerKg: number;
  releaseHeightM: number;
  terrain: Terrain;
  mixingHeightM: number | null;
  trigger: CompiledTrigger;
  /** Further releases of the same replication (the entry's `also`; empty for them). */
  also: CompiledRelease[];
}

export function compileHazchem(doc: HazchemHazardDoc, ctx: ScenarioCompileContext): CompiledRelease {
  const first = compileRelease(doc, ctx, ctx.base, doc.id ?? 'hazchem');
  const ids = new Set([first.id]);
  (doc.also ?? []).forEach((more, i) => {
    const base = `${ctx.base}/also/${i}`;
    const r = compileRelease(more, ctx, base, more.id ?? `${first.id}-${i + 2}`);
    if (ids.has(r.id)) ctx.fail(`${base}/id`, `release id '${r.id}' is used twice in this entry (give each release its own id)`);
    ids.add(r.id);
    first.also.push(r);
  });
  return first;
}

function compileRelease(doc: FurtherReleaseDoc, ctx: ScenarioCompileContext, base: string, id: string): CompiledRelease {
  const { region, csr } = ctx;
  const facility = region.assets.facilities.find((f) => f.id === doc.facility);
  let node = -1;
  if (facility === undefined) {
    const known = region.assets.facilities.filter((f) => f.kind.startsWith('chemical')).map((f) => f.id);
    ctx.fail(`${base}/facility`, `unknown facility '${doc.facility}'; the region's chemical facilities are: ${known.join(', ')}`);
  } else {
    node = csr.nodeIndex.get(facility.node) ?? -1;
  }
  const src = doc.source;
  const rate =
    src.kind === 'rate'
      ? src.massRateKgS
      : src.kind === 'liquid-hole'
        ? liquidHole(src.liquidDensityKgM3, src.dischargeCoefficient, src.holeDiameterM, src.gaugePressurePa, src.liquidHeadM).massRateKgS
        : gasHole(src.molarMassKgMol, src.heatCapacityRatio, src.upstreamPressurePa, src.upstreamTemperatureK, src.dischargeCoefficient, src.holeDiameterM, 101325).massRateKgS;
  if (!(rate > 0)) ctx.fail(`${base}/source`, 'this source releases nothing (no pressure difference drives it)');
  let tank: Tank | undefined;
  if (doc.tank !== undefined && facility !== undefined) {
    tank = facility.hazchem?.tanks.find((t) => t.id === doc.tank);
    if (tank === undefined) {
      const known = facility.hazchem?.tanks.map((t) => t.id) ?? [];
      ctx.fail(`${base}/tank`, `facility '${facility.id}' has no tank '${doc.tank}'${known.length > 0 ? `; its tanks: ${known.join(', ')}` : ' (the region lists no tanks there)'}`);
    }
  }
  const material = doc.material ?? tank?.material ?? 'HCl';
  if (doc.material === undefined && tank === undefined && doc.tank === undefined) ctx.fail(base, 'give the material, or a tank of the facility (tank)');
  const inventoryKg = doc.inventoryKg ?? tank?.inventoryKg ?? 0;
  if (doc.inventoryKg === undefined && tank === undefined && doc.tank === undefined) ctx.fail(base, 'give inventoryKg, or a tank of the facility (tank)');
  const gas = material === 'SiHCl3' || material === 'SiCl4' ? SUBSTANCES.HCl : SUBSTANCES[material as 'HCl' | 'Cl2' | 'NH3'];
  const yieldKg = material === 'SiHCl3' ? HCL_YIELD.SiHCl3 : material === 'SiCl4' ? HCL_YIELD.SiCl4 : 1;
  let trigger: CompiledTrigger;
  if ('at' in doc.trigger) trigger = { kind: 'at', atMin: ctx.time(doc.trigger.at, `${base}/trigger/at`) };
  else if ('facilityFlooded' in doc.trigger) {
    trigger = { kind: 'flooded' };
    if (facility !== undefined && facility.flood === undefined) ctx.fail(`${base}/trigger/facilityFlooded`, `facility '${facility.id}' has no flood exposure in the region: it never floods`);
  } else if (doc.trigger.tankFragility === 'tank') {
    if (doc.tank === undefined) ctx.fail(`${base}/trigger/tankFragility`, "'tank' takes the fragility of the entry's tank: name the tank (tank)");
    trigger = { kind: 'shaken', fragility: TANK_FRAGILITIES[tank?.fragility ?? 'ala-atmospheric']! };
  } else trigger = { kind: 'shaken', fragility: TANK_FRAGILITIES[doc.trigger.tankFragility]! };
  return {
    id,
    facility: doc.facility,
    lat: node >= 0 ? csr.graph.lat[node]! : 0,
    lon: node >= 0 ? csr.graph.lon[node]! : 0,
    node,
    county: facility?.county ?? '',
    substance: gas,
    material,
    inventoryKg,
    sourceRateKgS: rate,
    gasPerKg: (doc.airborneFraction ?? 1) * yieldKg,
    releaseHeightM: doc.releaseHeightM ?? 1,
    terrain: doc.terrain ?? 'urban',
    mixingHeightM: doc.mixingHeightM ?? null,
    trigger,
    also: [],
  };
}
