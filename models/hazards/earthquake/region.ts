/**
 * What the earthquake reads of a region: the building stock of a zone by structure class (optional: a default
 * mix from the zone's county and tags otherwise, stock.ts) and the road edges under slopes that an earthquake
 * can bring down on them (slopeEdges). Both are estimates in the built-in region, flagged as such.
 */
import { Type, type Static } from '@sinclair/typebox';
import { pointer } from '../../../engine/errors.js';
import type { RegionCheckContext } from '../../modules/types.js';
import { Estimated, Note, Src } from '../../schema/region-parts.js';
import { STRUCTURE_CLASSES } from './fragility.js';

const Share = Type.Number({ minimum: 0, maximum: 1 });

export const ZoneQuakeSchema = Type.Object(
  {
    stock: Type.Object(Object.fromEntries(STRUCTURE_CLASSES.map((c) => [c, Share])), {
      additionalProperties: false,
      description: 'share of buildings (and residents) per structure class; the shares add up to 1',
    }),
    estimated: Estimated,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);

export const SlopeEdgeSchema = Type.Object(
  {
    edge: Type.String({ minLength: 1, description: 'network edge id' }),
    slopeDeg: Type.Number({ exclusiveMinimum: 0, maximum: 80, description: 'typical angle of the slopes above the road, degrees' }),
    sourcesPerKm: Type.Number({ exclusiveMinimum: 0, maximum: 50, description: 'slopes per km whose failure reaches the road (within runout)' }),
    kind: Type.Union([Type.Literal('road'), Type.Literal('tunnel-bridge')], {
      description: 'road: open road under slopes; tunnel-bridge: an expressway of tunnels and bridges, exposed at its portals only',
    }),
    estimated: Estimated,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);

/** A hospital's beds (facilities of kind `hospital`): the medical response fills them with the injured. */
export const FacilityHospitalSchema = Type.Object(
  {
    beds: Type.Integer({ minimum: 1, maximum: 20000, description: 'staffed beds' }),
    estimated: Estimated,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);
export type FacilityHospital = Static<typeof FacilityHospitalSchema>;

export type ZoneQuake = Static<typeof ZoneQuakeSchema>;
export type SlopeEdge = Static<typeof SlopeEdgeSchema>;

export const EARTHQUAKE_REGION = {
  assets: { slopeEdges: Type.Array(SlopeEdgeSchema) },
  zone: { quake: ZoneQuakeSchema },
  facility: { hospital: FacilityHospitalSchema },
  elements: { slopeEdges: 'slope edge' },
};

declare module '../../schema/region-assets.js' {
  interface RegionAssetExtensions {
    slopeEdges: SlopeEdge[];
  }
  interface ZoneExtensions {
    quake?: ZoneQuake;
  }
  interface FacilityExtensions {
    hospital?: FacilityHospital;
  }
}

/** Slope edges name real edges once each; a zone's stock shares add up to 1. */
export function checkEarthquakeRegion(r: RegionCheckContext): void {
  const seen = new Map<string, number>();
  r.assets.slopeEdges.forEach((e, i) => {
    const p = pointer('slopeEdges', i, 'edge');
    if (!r.edgeIds.has(e.edge)) r.assetIssue(p, `slope edge '${e.edge}': unknown network edge`);
    if (seen.has(e.edge)) r.assetIssue(p, `slope edge '${e.edge}': listed twice (first at /slopeEdges/${seen.get(e.edge)!})`);
    else seen.set(e.edge, i);
  });
  r.assets.facilities.forEach((f, i) => {
    if ((f.kind === 'hospital') !== (f.hospital !== undefined)) {
      r.assetIssue(pointer('facilities', i, 'hospital'), `facility '${f.id}': a hospital has its beds (hospital.beds), and only a hospital has them`);
    }
  });
  r.zones.zones.forEach((z, i) => {
    if (z.quake === undefined) return;
    const sum = Object.values(z.quake.stock).reduce((s, v) => s + v, 0);
    if (Math.abs(sum - 1) > 1e-6) r.zoneIssue(`${pointer('zones', i)}/quake/stock`, `zone '${z.id}': stock shares add up to ${sum}, expected 1`);
  });
}
