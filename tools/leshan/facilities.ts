/**
 * Facilities (chemical plants, the Giant Buddha, the hi-tech zone) and the floodable roads of the Leshan
 * region: the stage at their controlling gauge at which water reaches them, and whether the 2020 peak did.
 */
import type { Facility } from '../../models/schema/region-assets.js';
import type { FloodableEdge, Gauge } from '../../models/hazards/flood/region.js';
import { FACILITIES, FLOODABLE_EDGES } from './data.js';
import type { RegionGraphBuilder } from './graph.js';
import { fail } from './types.js';

/** The 18 August 2020 peak stage of each gauge that has one. */
export function peaks2020(gauges: Gauge[]): Map<string, number | undefined> {
  return new Map(gauges.map((g) => [g.id, g.events.find((e) => e.id === '2020-08-18')?.peakStageM]));
}

export function buildFacilities(graph: RegionGraphBuilder, gauges: Gauge[]): Facility[] {
  const peak2020 = peaks2020(gauges);
  const facilities: Facility[] = FACILITIES.map((f) => {
    const fl = f.flood;
    const out: Facility = {
      id: f.id,
      name: f.name,
      name_zh: f.name_zh,
      kind: f.kind,
      county: graph.countyOf(f.node),
      node: f.node,
      estimated: true,
      estimatedFields: ['node', ...(fl !== undefined ? ['flood'] : [])],
      src: f.src,
    };
    if (f.substances !== undefined) out.substances = f.substances;
    if (fl !== undefined) {
      const peak = peak2020.get(fl.gauge);
      out.flood = {
        gauge: fl.gauge,
        floodStageM: fl.floodStageM,
        flooded2020: peak !== undefined && fl.floodStageM < peak,
        estimated: true,
        src: fl.src ?? ['EST'],
        ...(fl.note !== undefined ? { note: fl.note } : {}),
      };
    }
    if (f.note !== undefined) out.note = f.note;
    return out;
  });
  const yx = facilities.find((f) => f.id === 'yongxiang-plant')!;
  // The HCl mist of 20 August 2020 came from the flooded Yongxiang plant [S19]: the thresholds must agree.
  if (yx.flood?.flooded2020 !== true) fail('the Yongxiang plant must flood at the 2020 peak');
  return facilities;
}

/** The hand-entered floodable roads and bridges, then the zones' access roads (which flood with their zone). */
export function buildFloodableEdges(accessFlood: FloodableEdge[]): FloodableEdge[] {
  return [
    ...FLOODABLE_EDGES.map((e) => ({ edge: e.edge, kind: e.kind, gauge: e.gauge, floodStageM: e.floodStageM, estimated: true, src: e.src, ...(e.note !== undefined ? { note: e.note } : {}) })),
    ...accessFlood,
  ];
}
