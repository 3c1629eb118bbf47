import { Type, type Static } from '@sinclair/typebox';
import { Instant } from '../../schema/units.js';

const Id = (description: string) => Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]*$', maxLength: 80, description });
const num = (description: string, min: number, max: number, exclusiveMin = false) =>
  Type.Number(exclusiveMin ? { exclusiveMinimum: min, maximum: max, description } : { minimum: min, maximum: max, description });

/** How fast the stored material leaves its containment (docs/models/hazchem.md section 4). */
export const SourceSchema = Type.Union([
  Type.Object(
    { kind: Type.Literal('rate'), massRateKgS: num('release rate of the stored material, kg/s', 0, 1e5, true) },
    { additionalProperties: false, description: 'a given release rate' },
  ),
  Type.Object(
    {
      kind: Type.Literal('liquid-hole'),
      liquidDensityKgM3: num('liquid density, kg/m3', 0, 25000, true),
      dischargeCoefficient: num('discharge coefficient (0.61 sharp-edged)', 0, 1, true),
      holeDiameterM: num('hole diameter, m', 0, 10, true),
      gaugePressurePa: num('gauge pressure above the liquid, Pa', -101325, 1e8),
      liquidHeadM: num('liquid head above the hole, m', 0, 1000),
    },
    { additionalProperties: false, description: 'liquid through a hole (Bernoulli; the initial rate, held: conservative)' },
  ),
  Type.Object(
    {
      kind: Type.Literal('gas-hole'),
      molarMassKgMol: num('molar mass, kg/mol', 0, 1, true),
      heatCapacityRatio: num('cp/cv', 1, 2, true),
      upstreamPressurePa: num('absolute pressure in the vessel, Pa', 0, 1e9, true),
      upstreamTemperatureK: num('temperature in the vessel, K', 0, 2000, true),
      dischargeCoefficient: num('discharge coefficient (0.85 gas)', 0, 1, true),
      holeDiameterM: num('hole diameter, m', 0, 10, true),
    },
    { additionalProperties: false, description: 'gas through a hole, choked or not (the initial rate, held: conservative)' },
  ),
]);

/** What starts the release: a time, the plant flooding, or the tank failing under ground shaking. */
export const TriggerSchema = Type.Union([
  Type.Object({ at: Instant({ description: 'when the release starts' }) }, { additionalProperties: false }),
  Type.Object(
    { facilityFlooded: Type.Literal(true, { description: 'the release starts when the flood reaches the facility (facility.flooded)' }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      tankFragility: Type.Union([Type.Literal('tank'), Type.Literal('ala-atmospheric'), Type.Literal('hazus-anchored'), Type.Literal('hazus-unanchored')], {
        description: "storage-tank fragility in peak ground acceleration ('tank': the region tank's own); the release starts when a shaking (facility.shaken) damages the tank",
      }),
    },
    { additionalProperties: false },
  ),
]);

/** The fields of one release (an entry, or one of its further releases). */
const releaseFields = {
  id: Type.Optional(Id('hazard id, default "hazchem" (a further release: the entry\'s id with -2, -3, ...)')),
  facility: Type.String({ description: 'the facility of the region that releases (its node gives the site)' }),
  tank: Type.Optional(Type.String({ description: "a storage tank of the facility in the region (facilities[].hazchem.tanks): its material and inventory unless given here" })),
  material: Type.Optional(
    Type.Union(['HCl', 'Cl2', 'NH3', 'SiHCl3', 'SiCl4'].map((m) => Type.Literal(m)), {
      description: 'what is stored; trichlorosilane (SiHCl3) and silicon tetrachloride (SiCl4) hydrolyse to HCl, which disperses (default: the tank\'s)',
    }),
  ),
  inventoryKg: Type.Optional(num("mass of the material that can escape, kg; the release stops when it is exhausted (default: the tank's)", 0, 1e9, true)),
  source: SourceSchema,
  airborneFraction: Type.Optional(
    num('share of the escaping material that becomes airborne (a chlorosilane spill evaporates and hydrolyses only in part); default 1', 0, 1, true),
  ),
  releaseHeightM: Type.Optional(num('release height, m (default 1)', 0, 500)),
  terrain: Type.Optional(Type.Union([Type.Literal('rural'), Type.Literal('urban')], { description: 'Briggs coefficient set (default urban)' })),
  mixingHeightM: Type.Optional(num('mixing-layer lid, m (default: none in E/F, 0.3 u*/f otherwise)', 0, 1e4, true)),
  trigger: TriggerSchema,
};

/** A further release of the same replication (another tank of a cascade): the entry's fields without its kind. */
export const FurtherReleaseSchema = Type.Object(releaseFields, { additionalProperties: false, description: 'a further release in the same replication' });

/** The `hazards:` entry of a chemical release. */
export const HazchemHazardSchema = Type.Object(
  {
    kind: Type.Literal('hazchem'),
    ...releaseFields,
    also: Type.Optional(
      Type.Array(FurtherReleaseSchema, {
        maxItems: 16,
        description: 'further releases in the same replication (e.g. a second tank failing in the same shaking); the concentrations of releases of one gas add up at every receptor before the toxic load',
      }),
    ),
  },
  { additionalProperties: false, description: 'a release of a toxic gas from a facility: plume or puff, toxic load indoors and outdoors' },
);

export type HazchemHazardDoc = Static<typeof HazchemHazardSchema>;
export type FurtherReleaseDoc = Static<typeof FurtherReleaseSchema>;
