/**
 * The region format (docs/architecture.md sections 2 and 10): the parts every region has
 * (region-parts.ts) joined with what each hazard module reads of a region (the flood's gauges, flood
 * stages and floodable roads, ...). The schemas are built from the module registry, so a new hazard that
 * needs region data adds it in its own folder; its types join by declaration merging:
 *
 *   declare module '../../schema/region-assets.js' {
 *     interface RegionAssetExtensions { gauges: Gauge[] }
 *     interface ZoneExtensions { flood?: ZoneFlood }
 *   }
 *
 * A region without a module's data is valid: the module's lists default to empty, its fields are optional.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { REGISTRY } from '../registry.js';
import { buildFacilitySchema, buildRegionAssetsSchema, buildRegionZonesSchema, buildZoneSchema, RegionManifestSchema } from './region-parts.js';

export * from './region-parts.js';

/** Lists a hazard module adds to assets.json (always present after loading: [] when the file has none). */
export interface RegionAssetExtensions {}
/** Fields a hazard module adds to a zone (optional). */
export interface ZoneExtensions {}
/** Fields a hazard module adds to a facility (optional). */
export interface FacilityExtensions {}

const parts = REGISTRY.regionParts;
export const ZoneSchema = buildZoneSchema(parts.zone);
export const RegionZonesSchema = buildRegionZonesSchema(ZoneSchema);
export const FacilitySchema = buildFacilitySchema(parts.facility);
export const RegionAssetsSchema = buildRegionAssetsSchema(FacilitySchema, parts.assets);

export type Zone = Static<typeof ZoneSchema> & ZoneExtensions;
export type RegionZones = Omit<Static<typeof RegionZonesSchema>, 'zones'> & { zones: Zone[] };
export type Facility = Static<typeof FacilitySchema> & FacilityExtensions;
export type RegionAssets = Omit<Static<typeof RegionAssetsSchema>, 'facilities'> & { facilities: Facility[] } & RegionAssetExtensions;

/** Singular names of the modules' asset lists, for messages. */
export const MODULE_ASSET_ELEMENTS: Readonly<Record<string, string>> = parts.elements;

/** The schemas as plain JSON Schema documents, for `drillsim schema`. */
export function regionAssetsJsonSchemas(): Record<string, Record<string, unknown>> {
  const doc = (s: TSchema): Record<string, unknown> => ({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...(JSON.parse(JSON.stringify(s)) as Record<string, unknown>),
  });
  return {
    'region.json': doc(RegionManifestSchema),
    'region-zones.json': doc(RegionZonesSchema),
    'region-assets.json': doc(RegionAssetsSchema),
  };
}
