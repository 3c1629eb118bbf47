/**
 * What the chemical release reads of a region (the region format's hazchem parts): the storage tanks of a
 * facility with their material, inventory and fragility, and a zone's usual air-exchange rate. The region
 * loader joins these to the format every region has and runs `checkHazchemRegion`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { pointer } from '../../../engine/errors.js';
import type { RegionCheckContext } from '../../modules/types.js';
import { Estimated, Id, Note, Src } from '../../schema/region-parts.js';
import { TANK_FRAGILITIES } from './compile.js';

export const MATERIALS = ['HCl', 'Cl2', 'NH3', 'SiHCl3', 'SiCl4'] as const;
export const MaterialSchema = Type.Union(
  MATERIALS.map((m) => Type.Literal(m)),
  { description: 'stored material; trichlorosilane (SiHCl3) and silicon tetrachloride (SiCl4) hydrolyse to HCl, which disperses' },
);

export const TankSchema = Type.Object(
  {
    id: Id,
    material: MaterialSchema,
    inventoryKg: Type.Number({ exclusiveMinimum: 0, maximum: 1e9, description: 'Mass of material held, kg' }),
    fragility: Type.Union(
      Object.keys(TANK_FRAGILITIES).map((k) => Type.Literal(k)),
      { description: 'Seismic fragility of the tank in peak ground acceleration (docs/models/hazchem.md section 6)' },
    ),
    estimated: Estimated,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);

export const FacilityHazchemSchema = Type.Object(
  { tanks: Type.Array(TankSchema, { minItems: 1, maxItems: 200, description: 'Storage tanks of toxic material' }) },
  { additionalProperties: false },
);

export const ZoneHazchemSchema = Type.Object(
  {
    airExchangePerH: Type.Number({ minimum: 0, maximum: 20, description: "Usual air changes per hour of the zone's homes (a scenario's hazchem.airExchangePerH overrides it)" }),
    estimated: Estimated,
    src: Src,
    note: Note,
  },
  { additionalProperties: false },
);

export type Tank = Static<typeof TankSchema>;
export type FacilityHazchem = Static<typeof FacilityHazchemSchema>;
export type ZoneHazchem = Static<typeof ZoneHazchemSchema>;

export const HAZCHEM_REGION = {
  zone: { hazchem: ZoneHazchemSchema },
  facility: { hazchem: FacilityHazchemSchema },
};

declare module '../../schema/region-assets.js' {
  interface ZoneExtensions {
    hazchem?: ZoneHazchem;
  }
  interface FacilityExtensions {
    hazchem?: FacilityHazchem;
  }
}

/** Tank ids are unique across the region (a scenario names a tank by its id alone). */
export function checkHazchemRegion(ctx: RegionCheckContext): void {
  const seen = new Map<string, string>();
  ctx.assets.facilities.forEach((f, i) => {
    f.hazchem?.tanks.forEach((t, k) => {
      const at = pointer('facilities', i, 'hazchem', 'tanks', k, 'id');
      const other = seen.get(t.id);
      if (other !== undefined) ctx.assetIssue(at, `tank id '${t.id}' is already used at ${other}`);
      else seen.set(t.id, ctx.describeAsset(pointer('facilities', i)));
    });
  });
}
