/**
 * The parts of the region format every region has, and the builders that join them with the hazard
 * modules' own parts (models/schema/region-assets.ts builds the schemas the loader uses).
 *
 * TypeBox schemas of a region's domain data beside its road network (docs/architecture.md sections 2 and 10):
 * `region.json` (the manifest), `zones.json` (population zones) and `assets.json` (gauges, shelters,
 * reserves, fire stations, rescue teams, mutual aid, facilities, floodable roads). The network format
 * itself belongs to engine/network (schema.ts there); only models know what a shelter or a team is.
 *
 * Every object is closed (`additionalProperties: false`) so a typo is an error, never a silently ignored
 * key. Every record says where it comes from (`src`: ids into the manifest's `sources`) and whether it is
 * an estimate (`estimated`); `estimatedFields` may name the fields that are estimated when the rest is
 * sourced.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const REGION_FORMAT_VERSION = 1;

export const Id = Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_.:-]+$', description: 'Unique id: letters, digits, _ . : -' });
export const NodeRef = Type.String({ minLength: 1, description: 'Id of a node of the region network' });
export const Name = Type.String({ minLength: 1, description: 'English name (pinyin for places)' });
export const NameZh = Type.String({ minLength: 1, description: 'Chinese name (optional: regions outside China give `name` only)' });

/**
 * An administrative code in the region's own scheme: GB/T 2260 county (6 digits) and township (9 digits)
 * codes in China, INSEE or GSS codes elsewhere. Only its form is checked; uniqueness is the region's.
 */
export const AdminCode = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9._:-]+$', description: "Administrative code in the region's own scheme (GB/T 2260 in China)" });
export const Src = Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: "Ids into the manifest's sources[]" });
export const Estimated = Type.Boolean({ description: 'true when any value of the record is an estimate' });
export const EstimatedFields = Type.Optional(
  Type.Array(Type.String({ minLength: 1 }), { description: 'Which fields are estimates when the rest of the record is sourced' }),
);
export const Note = Type.Optional(Type.String({ description: 'Reasoning behind an estimate, or a caveat' }));
export const Count = Type.Integer({ minimum: 0 });


// ---------------------------------------------------------------------------------------------------
// region.json

export const SourceSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    ref: Type.String({ minLength: 1, description: 'Citation: title, publisher, date, URL' }),
  },
  { additionalProperties: false },
);

export const RegionManifestSchema = Type.Object(
  {
    drillsim: Type.Literal(REGION_FORMAT_VERSION, { description: 'Format version' }),
    kind: Type.Literal('region'),
    id: Id,
    name: Name,
    name_zh: Type.Optional(NameZh),
    description: Type.Optional(Type.String()),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code of the money amounts in this region (loss proxies, costs); CNY when absent' })),
    files: Type.Object(
      {
        network: Type.String({ minLength: 1, description: 'Path relative to region.json (engine/network format)' }),
        zones: Type.String({ minLength: 1 }),
        assets: Type.String({ minLength: 1 }),
      },
      { additionalProperties: false },
    ),
    generatedBy: Type.Optional(Type.String({ description: 'The script that writes these files, when they are generated' })),
    draft: Type.Optional(Type.Boolean({ description: 'true for a region drafted by `drillsim region init`: every record is a default or estimate for the author to confirm' })),
    notes: Type.Optional(Type.Array(Type.String())),
    sources: Type.Array(SourceSchema, { minItems: 1 }),
  },
  { $id: 'https://drillsim.dev/schema/region.json', title: 'drillsim region manifest', additionalProperties: false },
);

// ---------------------------------------------------------------------------------------------------
// zones.json

export const CountySchema = Type.Object(
  {
    id: Id,
    name: Name,
    name_zh: Type.Optional(NameZh),
    code: AdminCode,
    population: Count,
    urbanPopulation: Type.Optional(Count),
    seatNode: NodeRef,
    estimated: Estimated,
    estimatedFields: EstimatedFields,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);

/** The fields every zone has; hazard modules add theirs (the flood's `flood`). */
export const BaseZoneFields = {
    id: Id,
    name: Name,
    name_zh: Type.Optional(NameZh),
    county: Type.String({ minLength: 1, description: 'County id (zones.counties)' }),
    township: Type.Optional(AdminCode),
    node: NodeRef,
    population: Count,
    households: Count,
    tags: Type.Array(Type.String({ minLength: 1, pattern: '^[a-z0-9-]+$' }), { uniqueItems: true }),
    estimated: Estimated,
    estimatedFields: EstimatedFields,
    src: Src,
    note: Note,
};

/** Optional properties from a module's part (a region without that hazard's data omits them). */
const optional = (extra: Readonly<Record<string, TSchema>>): Record<string, TSchema> =>
  Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, Type.Optional(v)]));

/**
 * The zone schema with the modules' fields. Typed as the base: the modules' fields are typed by
 * declaration merging (ZoneExtensions in region-assets.ts), not by this builder.
 */
export function buildZoneSchema(extra: Readonly<Record<string, TSchema>>) {
  const base = Type.Object(BaseZoneFields, { additionalProperties: false });
  return Type.Object({ ...base.properties, ...optional(extra) }, { additionalProperties: false }) as unknown as typeof base;
}

export function buildRegionZonesSchema<Z extends TSchema>(zone: Z) {
  return Type.Object(
  {
    drillsim: Type.Literal(REGION_FORMAT_VERSION),
    kind: Type.Literal('region-zones'),
    region: Id,
    census: Type.Object(
      {
        year: Type.Integer({ minimum: 1900, maximum: 2100 }),
        population: Count,
        households: Type.Optional(Count),
        src: Src,
      },
      { additionalProperties: false, description: 'The totals the zones add up to' },
    ),
    notes: Type.Optional(Type.Array(Type.String())),
    counties: Type.Array(CountySchema, { minItems: 1 }),
    zones: Type.Array(zone, { minItems: 1 }),
  },
  { $id: 'https://drillsim.dev/schema/region-zones.json', title: 'drillsim region zones', additionalProperties: false },
  );
}

// ---------------------------------------------------------------------------------------------------
// assets.json

export const ShelterSchema = Type.Object(
  {
    id: Id,
    name: Name,
    name_zh: Type.Optional(NameZh),
    county: Type.String({ minLength: 1 }),
    zone: Type.Optional(Type.String({ minLength: 1, description: 'The zone the shelter stands in' })),
    node: NodeRef,
    capacity: Type.Integer({ minimum: 1, description: 'Places (people)' }),
    estimated: Estimated,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);

export const ITEM_TYPES = [
  'tents',
  'quilts',
  'foldingBeds',
  'drinkingWater',
  'instantFood',
  'lifeJackets',
  'pumps',
  'sandbags',
  'generators',
  'medicalKits',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

const stockProps: Record<string, TSchema> = {};
for (const item of ITEM_TYPES) stockProps[item] = Count;
export const StockSchema = Type.Object(stockProps as Record<ItemType, typeof Count>, {
  additionalProperties: false,
  description: 'Items held, by type (every type listed, 0 when none)',
});

export const ItemSchema = Type.Object(
  {
    id: Type.Union(ITEM_TYPES.map((t) => Type.Literal(t))),
    name: Name,
    name_zh: Type.Optional(NameZh),
    unit: Type.String({ minLength: 1 }),
    note: Note,
  },
  { additionalProperties: false },
);

export const ReserveSchema = Type.Object(
  {
    id: Id,
    name: Name,
    name_zh: Type.Optional(NameZh),
    tier: Type.Union([Type.Literal('city'), Type.Literal('county'), Type.Literal('township')]),
    county: Type.String({ minLength: 1 }),
    township: Type.Optional(AdminCode),
    node: NodeRef,
    stock: StockSchema,
    estimated: Estimated,
    estimatedFields: EstimatedFields,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);

export const FireStationSchema = Type.Object(
  {
    id: Id,
    name: Name,
    name_zh: Type.Optional(NameZh),
    county: Type.String({ minLength: 1 }),
    node: NodeRef,
    status: Type.Union([Type.Literal('existing'), Type.Literal('planned')]),
    type: Type.Union([
      Type.Literal('fire-rescue-station'),
      Type.Literal('county-fulltime'),
      Type.Literal('township-fulltime'),
      Type.Literal('urban-level-1'),
      Type.Literal('urban-level-2'),
      Type.Literal('central-town'),
    ]),
    crew: Count,
    vehicles: Count,
    boats: Type.Optional(Count),
    estimated: Estimated,
    estimatedFields: EstimatedFields,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);

export const TEAM_TYPES = [
  'fire-rescue',
  'hazchem',
  'flood-rescue-assault',
  'earthquake-assault',
  'mountain-rescue',
  'mine-rescue',
  'medical',
  'military-armed-police',
  'volunteer',
] as const;
export type TeamType = (typeof TEAM_TYPES)[number];

export const CAPABILITIES = [
  'fire',
  'water-rescue',
  'boat-evacuation',
  'urban-search-rescue',
  'hazmat',
  'decontamination',
  'mountain-rescue',
  'forest-fire',
  'mine-rescue',
  'medical',
  'dyke-reinforcement',
  'pumping',
  'logistics',
  'evacuation-support',
  'road-clearance',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const EquipmentSchema = Type.Object(
  {
    vehicles: Type.Optional(Count),
    boats: Type.Optional(Count),
    heavyRescue: Type.Optional(Type.Integer({ minimum: 0, description: 'Heavy rescue (USAR) equipment sets' })),
    pumps: Type.Optional(Type.Integer({ minimum: 0, description: 'High-volume pumps' })),
    ambulances: Type.Optional(Count),
    hazmatSuits: Type.Optional(Count),
    breathingApparatus: Type.Optional(Count),
    mineRescueSets: Type.Optional(Count),
    drones: Type.Optional(Count),
  },
  { additionalProperties: false },
);

export const TeamSchema = Type.Object(
  {
    id: Id,
    name: Name,
    name_zh: Type.Optional(NameZh),
    type: Type.Union(TEAM_TYPES.map((t) => Type.Literal(t))),
    level: Type.Union([Type.Literal('city'), Type.Literal('county')]),
    county: Type.String({ minLength: 1 }),
    homeNode: NodeRef,
    homeStation: Type.Optional(Type.String({ minLength: 1, description: 'Fire station id, when based at one' })),
    crew: Type.Integer({ minimum: 1 }),
    equipment: EquipmentSchema,
    capabilities: Type.Array(Type.Union(CAPABILITIES.map((c) => Type.Literal(c))), { minItems: 1, uniqueItems: true }),
    mobilisationMin: Type.Optional(Type.Number({ minimum: 0, description: 'Typical time from call to departure' })),
    estimated: Estimated,
    estimatedFields: EstimatedFields,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);

const LeadTimeSchema = Type.Object(
  {
    min: Type.Number({ minimum: 0 }),
    mode: Type.Number({ minimum: 0 }),
    max: Type.Number({ minimum: 0 }),
  },
  { additionalProperties: false, description: 'Triangular distribution of hours from request to arrival' },
);

export const MutualAidSchema = Type.Object(
  {
    id: Id,
    name: Name,
    name_zh: Type.Optional(NameZh),
    node: NodeRef,
    neighbour: Type.Boolean({ description: 'true for cities bordering the region' }),
    roadKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Network distance from the entry node to the region centre' })),
    leadTimeH: LeadTimeSchema,
    offer: Type.Object(
      { firefighters: Count, vehicles: Count, boats: Count },
      { additionalProperties: false, description: 'What the city can send' },
    ),
    sent2020: Type.Optional(Type.Boolean({ description: 'Leshan: sent fire-rescue reinforcements on 18-20 August 2020' })),
    estimated: Estimated,
    estimatedFields: EstimatedFields,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);

/** The fields every facility has; hazard modules add theirs. */
export const BaseFacilityFields = {
    id: Id,
    name: Name,
    name_zh: Type.Optional(NameZh),
    kind: Type.Union([
      Type.Literal('chemical-plant'),
      Type.Literal('chemical-park'),
      Type.Literal('industrial-park'),
      Type.Literal('mine'),
      Type.Literal('heritage'),
      Type.Literal('hospital'),
    ]),
    county: Type.String({ minLength: 1 }),
    node: NodeRef,
    substances: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    estimated: Estimated,
    estimatedFields: EstimatedFields,
    src: Src,
    note: Note,
};

/** The facility schema with the modules' fields (typed as the base, like buildZoneSchema). */
export function buildFacilitySchema(extra: Readonly<Record<string, TSchema>>) {
  const base = Type.Object(BaseFacilityFields, { additionalProperties: false });
  return Type.Object({ ...base.properties, ...optional(extra) }, { additionalProperties: false }) as unknown as typeof base;
}


/** The assets file: the lists every region has, plus each hazard module's own (optional: default empty). */
export function buildRegionAssetsSchema(facility: TSchema, extra: Readonly<Record<string, TSchema>>) {
  const options = { $id: 'https://drillsim.dev/schema/region-assets.json', title: 'drillsim region assets', additionalProperties: false } as const;
  const base = Type.Object(
    {
      drillsim: Type.Literal(REGION_FORMAT_VERSION),
      kind: Type.Literal('region-assets'),
      region: Id,
      notes: Type.Optional(Type.Array(Type.String())),
      items: Type.Array(ItemSchema),
      shelters: Type.Array(ShelterSchema),
      reserves: Type.Array(ReserveSchema),
      fireStations: Type.Array(FireStationSchema),
      teams: Type.Array(TeamSchema),
      mutualAid: Type.Array(MutualAidSchema),
      facilities: Type.Array(facility),
    },
    options,
  );
  // The modules' lists are typed by declaration merging (RegionAssetExtensions), not by this builder.
  return Type.Object({ ...base.properties, ...optional(extra) }, options) as unknown as typeof base;
}

export type RegionSource = Static<typeof SourceSchema>;
export type RegionManifest = Static<typeof RegionManifestSchema>;
export type County = Static<typeof CountySchema>;
export type Shelter = Static<typeof ShelterSchema>;
export type Stock = Static<typeof StockSchema>;
export type Item = Static<typeof ItemSchema>;
export type Reserve = Static<typeof ReserveSchema>;
export type FireStation = Static<typeof FireStationSchema>;
export type Equipment = Static<typeof EquipmentSchema>;
export type Team = Static<typeof TeamSchema>;
export type MutualAid = Static<typeof MutualAidSchema>;
