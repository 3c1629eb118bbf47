/**
 * The region network format (`network.json` in a region directory): TypeBox schemas that are both the
 * runtime validator and the published JSON Schema. The loader (load.ts) adds the checks a schema cannot
 * express: references between elements, duplicate ids, connectivity.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const FORMAT_VERSION = 1;

/** `path`: footways, paths, steps and pedestrian streets, and roads closed to vehicles: walkers only. */
export const ROAD_CLASSES = ['expressway', 'national', 'provincial', 'county', 'township', 'urban', 'track', 'ferry', 'path'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

const Id = Type.String({ minLength: 1, description: 'Unique within its list; imported elements keep the source id' });

/** Extra scalar attributes carried through from imports (OSM tags, GeoJSON properties) or data notes. */
export const Props = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), {
  description: 'Extra scalar attributes (imported tags); never interpreted by the engine',
});

const SourceIds = Type.Array(Type.String({ minLength: 1 }), { description: 'Ids into the top-level sources[]' });

export const RoadClassSchema = Type.Union(
  ROAD_CLASSES.map((c) => Type.Literal(c)),
  { description: 'Road class; travel modes derive their speeds from it (engine/network/modes.ts)' },
);

export const NetworkNodeSchema = Type.Object(
  {
    id: Id,
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 latitude, degrees' }),
    lon: Type.Number({ minimum: -180, maximum: 180, description: 'WGS84 longitude, degrees' }),
    kind: Type.String({ minLength: 1, description: 'county_seat, town, junction, bridge, shelter, ...' }),
    name: Type.Optional(Type.String()),
    name_zh: Type.Optional(Type.String()),
    estimated: Type.Optional(Type.Boolean({ description: 'true when the position or attributes are estimates' })),
    src: Type.Optional(SourceIds),
    props: Type.Optional(Props),
  },
  { additionalProperties: false },
);

export const NetworkEdgeSchema = Type.Object(
  {
    id: Id,
    from: Type.String({ minLength: 1, description: 'Node id' }),
    to: Type.String({ minLength: 1, description: 'Node id' }),
    km: Type.Number({ exclusiveMinimum: 0, description: 'Length along the road, km' }),
    roadClass: RoadClassSchema,
    speedKmh: Type.Number({ exclusiveMinimum: 0, description: 'Free-flow (posted or design) speed, km/h' }),
    lanes: Type.Optional(Type.Integer({ minimum: 1, description: 'Total lanes, both directions (OSM convention)' })),
    bridge: Type.Optional(Type.Boolean()),
    deckLevelM: Type.Optional(Type.Number({ description: 'Bridge deck level, m above sea level' })),
    oneway: Type.Optional(Type.Boolean({ description: 'Usable only from `from` to `to` by vehicles' })),
    water: Type.Optional(Type.Boolean({ description: 'A water link usable only by boats' })),
    geometry: Type.Optional(
      // A pair as a two-item array rather than a tuple: the published schema stays plain draft 2020-12.
      Type.Array(Type.Array(Type.Number({ minimum: -180, maximum: 180 }), { minItems: 2, maxItems: 2 }), {
        minItems: 2,
        description: 'The road\'s course as [lon, lat] positions from `from` to `to` (GeoJSON order), when it is not straight; for export and maps, never for lengths (km is stated)',
      }),
    ),
    name: Type.Optional(Type.String()),
    name_zh: Type.Optional(Type.String()),
    estimated: Type.Optional(Type.Boolean()),
    src: Type.Optional(SourceIds),
    props: Type.Optional(Props),
  },
  { additionalProperties: false },
);

export const NetworkPointSchema = Type.Object(
  {
    id: Id,
    node: Type.String({ minLength: 1, description: 'The node the point is placed on' }),
    kind: Type.String({ minLength: 1 }),
    name: Type.Optional(Type.String()),
    name_zh: Type.Optional(Type.String()),
    estimated: Type.Optional(Type.Boolean()),
    src: Type.Optional(SourceIds),
    props: Type.Optional(Props),
  },
  { additionalProperties: false },
);

export const SourceSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    ref: Type.Optional(Type.String({ description: 'Citation: title, publisher, date, URL' })),
    url: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const RegionNetworkSchema = Type.Object(
  {
    drillsim: Type.Literal(FORMAT_VERSION, { description: 'Format version' }),
    kind: Type.Literal('region-network'),
    id: Id,
    name: Type.String(),
    name_zh: Type.Optional(Type.String()),
    crs: Type.Literal('WGS84'),
    notes: Type.Optional(Type.Array(Type.String())),
    sources: Type.Optional(Type.Array(SourceSchema)),
    nodes: Type.Array(NetworkNodeSchema),
    edges: Type.Array(NetworkEdgeSchema),
    points: Type.Optional(Type.Array(NetworkPointSchema)),
  },
  {
    $id: 'https://drillsim.dev/schema/region-network.json',
    title: 'drillsim region network',
    additionalProperties: false,
  },
);

export type NetworkNode = Static<typeof NetworkNodeSchema>;
export type NetworkEdge = Static<typeof NetworkEdgeSchema>;
export type NetworkPoint = Static<typeof NetworkPointSchema>;
export type RegionNetwork = Static<typeof RegionNetworkSchema>;
export type PropsValue = Static<typeof Props>;

/** The schema as a plain JSON Schema document (draft 2020-12 compatible), for `drillsim schema`. */
export function regionNetworkJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...(JSON.parse(JSON.stringify(RegionNetworkSchema as TSchema)) as Record<string, unknown>),
  };
}
