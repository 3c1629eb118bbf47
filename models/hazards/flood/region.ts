/**
 * What the flood reads of a region (the region format's flood parts): gauges with their stages and rating
 * curves, each zone's controlling gauge and flood stage, the facilities that flood, and the roads, bridges
 * and causeways that go under. The region loader joins these to the format every region has
 * (models/schema/region-assets.ts) and runs `checkFloodRegion` with its cross-checks.
 */
import { Type, type Static } from '@sinclair/typebox';
import { pointer } from '../../../engine/errors.js';
import type { RegionCheckContext } from '../../modules/types.js';
import { Estimated, EstimatedFields, Id, Name, NameZh, NodeRef, Note, Src } from '../../schema/region-parts.js';

const StageM = Type.Number({ minimum: -500, maximum: 9000, description: 'Water stage, m above the gauge datum (a.s.l.)' });

export const RIVERS = ['min', 'dadu', 'qingyi', 'emei', 'mabian'] as const;
/** A river's id in the region's own naming; Leshan's are RIVERS. */
export const RiverSchema = Type.String({
  minLength: 1,
  pattern: '^[a-z0-9_-]+$',
  description: "River id in the region's own naming (Leshan: min 岷江, dadu 大渡河, qingyi 青衣江, emei 峨眉河, mabian 马边河)",
});

/**
 * A dike protecting a zone (docs/models/flood.md section 9): the zone stays dry until the dike fails, by
 * overtopping at its crest or by a breach below it (a fragility curve: the failure stage is drawn per
 * replication), and then fills fast to the river's level with fast water near the breach.
 */
export const DikeSchema = Type.Object(
  {
    crestM: Type.Number({ description: 'Stage at the controlling gauge at which the river overtops the dike' }),
    fragility: Type.Optional(
      Type.Object(
        {
          medianM: Type.Number({ description: 'Stage at the controlling gauge at which the dike fails with probability 0.5 (seepage, piping, slope failure)' }),
          sdM: Type.Number({ exclusiveMinimum: 0, maximum: 10, description: 'Standard deviation of the failure stage (normal fragility curve)' }),
        },
        { additionalProperties: false },
      ),
    ),
    estimated: Estimated,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);

export const ZoneFloodSchema = Type.Object(
  {
    gauge: Type.String({ minLength: 1, description: 'Id of the controlling gauge (assets.gauges)' }),
    river: RiverSchema,
    floodStageM: Type.Number({ description: 'Stage at the controlling gauge at which water enters the zone (behind a dike: the level of its ground, reached only once the dike fails)' }),
    dike: Type.Optional(DikeSchema),
    depthPerM: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, description: 'Zone water depth per metre of stage above floodStageM (default 1)' }),
    ),
    accessEdge: Type.Optional(Type.String({ minLength: 1, description: "Network edge id of the zone's own access road" })),
    estimated: Estimated,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);


export const GaugePointSchema = Type.Object(
  {
    stageM: StageM,
    flowM3s: Type.Optional(Type.Number({ minimum: 0 })),
    time: Type.Optional(Type.String({ description: 'ISO-8601 with offset, or a period such as 07-01..07-07' })),
    forecast: Type.Optional(Type.Boolean({ description: 'a forecast, not a measurement' })),
    estimated: Type.Optional(Type.Boolean()),
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);

export const RatingCurveSchema = Type.Object(
  {
    a: Type.Number({ exclusiveMinimum: 0 }),
    b: Type.Number({ exclusiveMinimum: 0 }),
    h0M: Type.Number({ description: 'Stage of zero flow H0 in Q = a (H - H0)^b' }),
    method: Type.String({ minLength: 1, description: 'How the parameters were obtained' }),
    fitPoints: Type.Array(GaugePointSchema),
    estimated: Estimated,
    src: Src,
  },
  { additionalProperties: false },
);

export const GaugeEventSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'e.g. 2020-08-18' }),
    time: Type.Optional(Type.String()),
    peakStageM: Type.Optional(StageM),
    peakFlowM3s: Type.Optional(Type.Number({ minimum: 0 })),
    estimated: Estimated,
    estimatedFields: EstimatedFields,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);

export const GaugeSchema = Type.Object(
  {
    id: Id,
    name: Name,
    name_zh: Type.Optional(NameZh),
    river: RiverSchema,
    node: NodeRef,
    warningStageM: StageM,
    guaranteedStageM: StageM,
    rating: Type.Optional(RatingCurveSchema),
    observations: Type.Array(GaugePointSchema),
    events: Type.Array(GaugeEventSchema),
    estimated: Estimated,
    estimatedFields: EstimatedFields,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);


export const FloodableEdgeSchema = Type.Object(
  {
    edge: Type.String({ minLength: 1, description: 'Network edge id' }),
    kind: Type.Union([Type.Literal('road'), Type.Literal('bridge'), Type.Literal('access')]),
    gauge: Type.String({ minLength: 1 }),
    floodStageM: Type.Number({ description: 'Stage at the gauge at which water reaches the road (depth = stage - this)' }),
    estimated: Estimated,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);



export const FacilityFloodSchema = Type.Object(
        {
          gauge: Type.String({ minLength: 1 }),
          floodStageM: Type.Number(),
          flooded2020: Type.Optional(Type.Boolean()),
          estimated: Estimated,
          src: Src,
          note: Note,
        },
        { additionalProperties: false },
      );

export type River = (typeof RIVERS)[number];
export type ZoneFlood = Static<typeof ZoneFloodSchema>;
export type Dike = Static<typeof DikeSchema>;
export type GaugePoint = Static<typeof GaugePointSchema>;
export type RatingCurve = Static<typeof RatingCurveSchema>;
export type GaugeEvent = Static<typeof GaugeEventSchema>;
export type Gauge = Static<typeof GaugeSchema>;
export type FloodableEdge = Static<typeof FloodableEdgeSchema>;
export type FacilityFlood = Static<typeof FacilityFloodSchema>;

/** The flood's parts of the region format (the region loader and the JSON Schemas join them in). */
export const FLOOD_REGION = {
  assets: { gauges: Type.Array(GaugeSchema), floodableEdges: Type.Array(FloodableEdgeSchema) },
  zone: { flood: ZoneFloodSchema },
  facility: { flood: FacilityFloodSchema },
  elements: { gauges: 'gauge', floodableEdges: 'floodable edge' },
};

declare module '../../schema/region-assets.js' {
  interface RegionAssetExtensions {
    gauges: Gauge[];
    floodableEdges: FloodableEdge[];
  }
  interface ZoneExtensions {
    flood?: ZoneFlood;
  }
  interface FacilityExtensions {
    flood?: FacilityFlood;
  }
}

/** The flood's cross-checks: every gauge, access link and floodable road it names exists. */
export function checkFloodRegion(r: RegionCheckContext): void {
  const { zones, assets, nodeIds, edgeIds } = r;
  const gaugeIds = new Set(assets.gauges.map((g) => g.id));
  const needGauge = (p: string, id: string): void => {
    if (!gaugeIds.has(id)) r.assetIssue(p, `${r.describeAsset(p)}: unknown gauge '${id}'`);
  };
  zones.zones.forEach((zone, i) => {
    if (zone.flood === undefined) return;
    const base = pointer('zones', i);
    const label = `zone '${zone.id}'`;
    if (!gaugeIds.has(zone.flood.gauge)) r.zoneIssue(`${base}/flood/gauge`, `${label}: flood gauge '${zone.flood.gauge}' is not in assets gauges`);
    const dike = zone.flood.dike;
    if (dike !== undefined && !(dike.crestM > zone.flood.floodStageM)) {
      r.zoneIssue(`${base}/flood/dike/crestM`, `${label}: the dike's crest (${dike.crestM} m) must lie above the zone's ground (floodStageM ${zone.flood.floodStageM} m)`);
    }
    if (zone.flood.accessEdge !== undefined && !edgeIds.has(zone.flood.accessEdge)) {
      r.zoneIssue(`${base}/flood/accessEdge`, `${label}: accessEdge refers to unknown network edge '${zone.flood.accessEdge}'`);
    }
  });
  assets.gauges.forEach((g, i) => {
    if (!nodeIds.has(g.node)) {
      const p = pointer('gauges', i, 'node');
      r.assetIssue(p, `${r.describeAsset(p)}: node refers to unknown network node '${g.node}'`);
    }
  });
  assets.facilities.forEach((f, i) => {
    if (f.flood !== undefined) needGauge(pointer('facilities', i, 'flood', 'gauge'), f.flood.gauge);
  });
  const floodEdges = new Map<string, number>();
  assets.floodableEdges.forEach((e, i) => {
    const p = pointer('floodableEdges', i, 'edge');
    if (!edgeIds.has(e.edge)) r.assetIssue(p, `floodable edge '${e.edge}': unknown network edge`);
    if (floodEdges.has(e.edge)) r.assetIssue(p, `floodable edge '${e.edge}': listed twice (first at /floodableEdges/${floodEdges.get(e.edge)!})`);
    else floodEdges.set(e.edge, i);
    needGauge(pointer('floodableEdges', i, 'gauge'), e.gauge);
  });
}
