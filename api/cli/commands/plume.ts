/**
 * `drillsim plume --substance <name> --rate <kg/s> --site <lat,lon> [--stability F --wind 2] [--geojson out]`:
 * ALOHA-style threat zones of a continuous release (models/hazards/hazchem/threat-zones.ts): the downwind
 * distance to the AEGL-3, AEGL-2 and AEGL-1 (60-min) levels and, with --geojson, their footprints.
 * Bad options are one-line errors with exit 2.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { commandDescription } from '../commands.js';
import { closestName } from '../../../models/schema/document.js';
import { DENSE_GAS_THRESHOLD, defaultMixingHeight, denseGasCriterion } from '../../../models/hazards/hazchem/dispersion.js';
import { CLASSES, windAt, type StabilityClass, type Terrain } from '../../../models/hazards/hazchem/stability.js';
import { HCL_YIELD, SUBSTANCES, type Substance } from '../../../models/hazards/hazchem/substances.js';
import { MAX_DISTANCE_M, threatZones, threatZonesGeoJson } from '../../../models/hazards/hazchem/threat-zones.js';
import { CliError, EXIT_BAD_INPUT } from '../exit.js';

interface PlumeOptions {
  substance: string;
  rate: string;
  site: string;
  stability: string;
  wind: string;
  windFrom: string;
  terrain: string;
  height: string;
  mixingHeight?: string;
  geojson?: string;
  json?: boolean;
}

/** Names the command accepts: the dispersing gases, and chlorosilanes that hydrolyse to HCl (rate of the liquid). */
const MATERIALS: Readonly<Record<string, { gas: Substance; perKg: number }>> = {
  HCl: { gas: SUBSTANCES.HCl, perKg: 1 },
  'hydrogen-chloride': { gas: SUBSTANCES.HCl, perKg: 1 },
  Cl2: { gas: SUBSTANCES.Cl2, perKg: 1 },
  chlorine: { gas: SUBSTANCES.Cl2, perKg: 1 },
  NH3: { gas: SUBSTANCES.NH3, perKg: 1 },
  ammonia: { gas: SUBSTANCES.NH3, perKg: 1 },
  SiHCl3: { gas: SUBSTANCES.HCl, perKg: HCL_YIELD.SiHCl3 },
  trichlorosilane: { gas: SUBSTANCES.HCl, perKg: HCL_YIELD.SiHCl3 },
  SiCl4: { gas: SUBSTANCES.HCl, perKg: HCL_YIELD.SiCl4 },
  'silicon-tetrachloride': { gas: SUBSTANCES.HCl, perKg: HCL_YIELD.SiCl4 },
};

function bad(message: string): CliError {
  return new CliError(message, EXIT_BAD_INPUT);
}

function number(option: string, text: string, min: number, max: number, exclusiveMin = false): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || (exclusiveMin ? v <= min : v < min) || v > max) {
    throw bad(`--${option} '${text}': expected a number ${exclusiveMin ? '>' : '>='} ${min} and <= ${max}`);
  }
  return v;
}

function site(text: string): { lat: number; lon: number } {
  const parts = text.split(',');
  if (parts.length !== 2) throw bad(`--site '${text}': expected latitude,longitude in degrees, such as 29.37,103.85`);
  return { lat: number('site latitude', parts[0]!, -90, 90), lon: number('site longitude', parts[1]!, -180, 180) };
}

export function register(program: Command): void {
  program
    .command('plume')
    .description(commandDescription('plume'))
    .requiredOption('--substance <name>', `what is released: ${Object.keys(MATERIALS).join(', ')}`)
    .requiredOption('--rate <kg/s>', 'release rate, kg/s (of the liquid, for a chlorosilane)')
    .requiredOption('--site <lat,lon>', 'release point, degrees')
    .option('--stability <class>', 'Pasquill class A..F (default: F, the US EPA RMP worst case)', 'F')
    .option('--wind <m/s>', 'wind speed at 10 m (default: 1.5, the RMP worst case)', '1.5')
    .option('--wind-from <deg>', 'direction the wind blows from, degrees clockwise from north', '0')
    .option('--terrain <set>', 'Briggs coefficients: rural|urban', 'rural')
    .option('--height <m>', 'release height, m', '1')
    .option('--mixing-height <m>', 'mixing lid, m (default: none in E/F, 0.3 u*/f otherwise)')
    .option('--geojson <file>', 'write the footprints as a GeoJSON FeatureCollection')
    .option('--json', 'print the zones as JSON')
    .action((opts: PlumeOptions) => {
      const material = MATERIALS[opts.substance];
      if (material === undefined) {
        const near = closestName(opts.substance, Object.keys(MATERIALS));
        throw bad(`--substance '${opts.substance}' is not known${near !== undefined ? ` (did you mean '${near}'?)` : ''}; known: ${Object.keys(MATERIALS).join(', ')}`);
      }
      const rate = number('rate', opts.rate, 0, 1e5, true);
      const where = site(opts.site);
      if (!(CLASSES as readonly string[]).includes(opts.stability)) throw bad(`--stability '${opts.stability}': expected one of ${CLASSES.join(', ')}`);
      const stability = opts.stability as StabilityClass;
      const u10 = number('wind', opts.wind, 0, 50, true);
      if (opts.terrain !== 'rural' && opts.terrain !== 'urban') throw bad(`--terrain '${opts.terrain}': expected rural or urban`);
      const terrain = opts.terrain as Terrain;
      const height = number('height', opts.height, 0, 500);
      const lid = opts.mixingHeight !== undefined ? number('mixing-height', opts.mixingHeight, 0, 1e4, true) : defaultMixingHeight(u10, stability, where.lat);
      if (height > lid) throw bad(`--height ${height} m lies above the mixing lid (${lid} m)`);
      const input = {
        substance: material.gas,
        rateKgS: rate * material.perKg,
        windMs: windAt(u10, 10, Math.max(10, height), stability, terrain),
        stability,
        terrain,
        releaseHeightM: height,
        mixingHeightM: lid,
        site: where,
        windFromDeg: number('wind-from', opts.windFrom, 0, 360),
      };
      const zones = threatZones(input);
      const dense = denseGasCriterion(input.rateKgS, material.gas.molarMassGMol / 1000, input.windMs);
      if (opts.geojson !== undefined) {
        try {
          writeFileSync(opts.geojson, `${JSON.stringify(threatZonesGeoJson(zones, input))}\n`);
        } catch (err) {
          throw bad(`--geojson '${opts.geojson}': cannot write: ${(err as Error).message}`);
        }
      }
      if (opts.json === true) {
        const rows = zones.map((z) => ({ level: `AEGL-${z.level}`, ppm: z.ppm, distanceM: z.distanceM, beyondLimit: z.beyondLimit, halfWidthM: z.halfWidthM }));
        process.stdout.write(`${JSON.stringify({ substance: material.gas.id, rateKgS: input.rateKgS, stability, windMs: input.windMs, denseGasCriterion: dense, zones: rows }, null, 2)}\n`);
        return;
      }
      const lines = [
        `${material.gas.name} ${input.rateKgS.toPrecision(3)} kg/s, class ${stability}, wind ${input.windMs.toFixed(1)} m/s from ${input.windFromDeg} deg, ${terrain}` +
          (material.perKg !== 1 ? ` (${opts.substance} ${rate} kg/s hydrolysed to HCl)` : ''),
      ];
      for (const z of zones) {
        const d = z.distanceM === null ? 'not reached' : z.beyondLimit ? `more than ${MAX_DISTANCE_M / 1000} km` : `${(z.distanceM / 1000).toFixed(2)} km`;
        lines.push(`AEGL-${z.level} (${z.ppm} ppm, 60 min): ${d}${z.distanceM !== null ? `, up to ${Math.round(z.halfWidthM)} m either side` : ''}`);
      }
      if (dense >= DENSE_GAS_THRESHOLD) {
        lines.push(`Dense gas: Britter-McQuaid criterion ${dense.toFixed(2)} >= ${DENSE_GAS_THRESHOLD}: near the source (the first few hundred metres) the cloud slumps and spreads, and may be more concentrated at the ground than shown.`);
      }
      lines.push('Screening estimate: Gaussian plume, no terrain, dense-gas effects or wind shifts; unreliable below 1 m/s and in very stable air near the source (docs/models/hazchem.md).');
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
