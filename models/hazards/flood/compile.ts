import type { ScenarioCompileContext } from '../../modules/types.js';
import { validateHydrographSpec, type HydrographSpec, type PeakSpec } from './hydrograph-spec.js';
import type { FloodHazardDoc } from './schema.js';

export interface CompiledGauge {
  id: string;
  warningStageM: number;
  guaranteedStageM: number | null;
  rating: { a: number; b: number; h0M: number } | null;
  /** The scenario's hydrograph for this gauge in minutes from the start; null if the scenario gives none. */
  hydrograph: HydrographSpec | null;
}

/** A zone's exposure to the river: the gauge that controls it and the stage at which water enters. */
export interface ZoneFlood {
  gauge: string;
  stageM: number;
  /** The dike in front of the zone, if any: water enters only once it fails. */
  dike: CompiledDike | null;
}

export interface CompiledDike {
  crestM: number;
  /** Normal fragility of the failure stage below overtopping; null: it fails only by overtopping. */
  fragility: { medianM: number; sdM: number } | null;
}

/** A flood entry resolved against its region: gauges with their hydrographs, zones with their gauge. */
export interface CompiledFlood {
  gauges: ReadonlyMap<string, CompiledGauge>;
  /** Per zone index; null for a zone no gauge controls. */
  zones: ReadonlyArray<ZoneFlood | null>;
}

/**
 * The document's pointer for a pointer into the compiled spec: the spec says atMin, riseMin and fallMin
 * where the scenario writes at, rise and fall; the rating curve is the region's, so its problems are
 * shown at the gauge (the region's own validation names the field in assets.json).
 */
function documentPointer(specPath: string, gaugePath: string): string {
  const rest = specPath.slice(gaugePath.length);
  if (rest.startsWith('/rating')) return gaugePath;
  return gaugePath + rest.replace(/\/atMin$/, '/at').replace(/\/riseMin$/, '/rise').replace(/\/fallMin$/, '/fall');
}

export function compileFlood(hazard: FloodHazardDoc, ctx: ScenarioCompileContext): CompiledFlood {
  const { region, time, duration, base } = ctx;
  // Counted so the constructor's checks run only on gauges this step found nothing wrong with.
  let failures = 0;
  const fail = (path: string, message: string): void => {
    failures++;
    ctx.fail(path, message);
  };
  const gauges = new Map<string, CompiledGauge>();
  for (const g of region.assets.gauges) {
    gauges.set(g.id, {
      id: g.id,
      warningStageM: g.warningStageM,
      guaranteedStageM: g.guaranteedStageM ?? null,
      rating: g.rating !== undefined ? { a: g.rating.a, b: g.rating.b, h0M: g.rating.h0M } : null,
      hydrograph: null,
    });
  }
  for (const [gaugeId, spec] of Object.entries(hazard.gauges)) {
    const path = `${base}/gauges/${gaugeId}`;
    const before = failures;
    const gauge = gauges.get(gaugeId);
    if (gauge === undefined) {
      fail(path, `unknown gauge '${gaugeId}'; the region has: ${[...gauges.keys()].join(', ')}`);
      continue;
    }
    if (spec.peaks === undefined && spec.table === undefined) fail(path, 'give the hydrograph as peaks or as a table');
    const peaks: PeakSpec[] | undefined = spec.peaks?.map((p, i) => {
      const pp = `${path}/peaks/${i}`;
      if ((p.stageM === undefined) === (p.dischargeM3s === undefined)) fail(pp, 'give exactly one of stageM and dischargeM3s');
      if (p.dischargeM3s !== undefined && gauge.rating === null) fail(`${pp}/dischargeM3s`, `gauge '${gaugeId}' has no rating curve: give stageM`);
      if (p.stageM !== undefined && p.stageM <= spec.baseStageM) fail(`${pp}/stageM`, `the peak (${p.stageM} m) must lie above the base stage (${spec.baseStageM} m)`);
      return {
        atMin: time(p.at, `${pp}/at`),
        ...(p.stageM !== undefined ? { stageM: p.stageM } : {}),
        ...(p.dischargeM3s !== undefined ? { dischargeM3s: p.dischargeM3s } : {}),
        riseMin: duration(p.rise, `${pp}/rise`),
        fallMin: duration(p.fall, `${pp}/fall`),
      };
    });
    const table = spec.table?.map(([at, stage], i) => [time(at, `${path}/table/${i}/0`), stage] as [number, number]);
    gauge.hydrograph = {
      baseStageM: spec.baseStageM,
      ...(peaks !== undefined ? { peaks } : {}),
      ...(table !== undefined ? { table } : {}),
      ...(gauge.rating !== null ? { rating: gauge.rating } : {}),
    };
    // The Hydrograph constructor in each replication runs these same checks; run here too, so that a
    // zero rise or a peak below its base is a located error of `validate` and the API's store rather than
    // a failed replication in a worker. Only when the checks above passed, so no problem is told twice.
    if (failures === before) {
      for (const issue of validateHydrographSpec(gauge.hydrograph, path)) fail(documentPointer(issue.path, path), issue.message);
    }
  }
  const zones = region.zones.zones.map((z): ZoneFlood | null => {
    if (z.flood === undefined) return null;
    const d = z.flood.dike;
    const dike = d === undefined ? null : { crestM: d.crestM, fragility: d.fragility !== undefined ? { medianM: d.fragility.medianM, sdM: d.fragility.sdM } : null };
    return { gauge: z.flood.gauge, stageM: z.flood.floodStageM, dike };
  });
  return { gauges, zones };
}
