import { Type, type Static } from '@sinclair/typebox';
import { Duration, Instant } from '../../schema/units.js';

const RasterPath = (description: string) =>
  Type.String({ minLength: 1, maxLength: 300, pattern: '^[A-Za-z0-9_./-]+$', description: `${description}: a GeoTIFF (.tif, .tiff; first band) or an ESRI ASCII grid (.asc, or .asc.gz), a path inside the region directory` });

/** The `hazards:` entry of a forest fire. */
export const WildfireHazardSchema = Type.Object(
  {
    kind: Type.Literal('wildfire'),
    id: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]*$', maxLength: 80, description: 'hazard id, default "wildfire"' })),
    landscape: Type.Object(
      {
        fuel: RasterPath('standard fuel model number per cell (Scott & Burgan 101-204, Anderson 1-13, non-burnable 91-99)'),
        elevation: RasterPath('elevation per cell, m (same grid as the fuel)'),
        originLon: Type.Number({ minimum: -180, maximum: 180, description: "longitude of the grids' lower-left corner; the grids' cell size is in metres" }),
        originLat: Type.Number({ minimum: -85, maximum: 85, description: "latitude of the grids' lower-left corner" }),
      },
      { additionalProperties: false },
    ),
    ignition: Type.Object(
      {
        lon: Type.Number({ minimum: -180, maximum: 180 }),
        lat: Type.Number({ minimum: -85, maximum: 85 }),
        at: Instant({ description: 'time of ignition' }),
      },
      { additionalProperties: false, description: 'where and when the fire starts (a burnable cell of the landscape)' },
    ),
    weatherBlock: Type.Optional(Duration({ description: 'length of the weather blocks of the diurnal cycle (default 4 h; a divisor of 24 h)' })),
  },
  { additionalProperties: false, description: 'a forest fire spreading on a fuel and terrain raster' },
);

export type WildfireHazardDoc = Static<typeof WildfireHazardSchema>;
