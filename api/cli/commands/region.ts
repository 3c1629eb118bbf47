/**
 * `drillsim region import <file> --out <dir>`: build a region network from OpenStreetMap (.osm, .osm.gz,
 * .osm.bz2, .osm.pbf; streamed) or GeoJSON (.geojson, or .json holding a FeatureCollection; a .json region
 * network is validated and copied). Nothing is written unless the whole input is valid.
 * `drillsim region export <region> [--out file]`: the region as GeoJSON (QGIS opens it).
 * `drillsim region init <extract> --population <grid> --out <dir>`: draft a runnable region (docs/regions.md).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { commandDescription } from '../commands.js';
import { formatIssues, InputError } from '../../../engine/errors.js';
import { exportGeoJson } from '../../../engine/network/export-geojson.js';
import type { ImportOptions, ImportSummary } from '../../../engine/network/import-common.js';
import { importGeoJson } from '../../../engine/network/import-geojson.js';
import { importOsmFile, type AdminBoundary, type OsmImportSummary } from '../../../engine/network/import-osm.js';
import { osmFormatOf } from '../../../engine/network/osm-source.js';
import { parseJsonText } from '../../../engine/network/json-source.js';
import { checkRegionNetwork, validateRegionNetwork } from '../../../engine/network/load.js';
import type { RegionNetwork } from '../../../engine/network/schema.js';
import { readAsciiGrid, readGeoTiff } from '../../../engine/raster/grid.js';
import { draftRegion, type PopulationSource } from '../../../models/region/draft.js';
import { CliError, EXIT_FAILURE } from '../exit.js';
import { loadRegion, NETWORK_FILE } from '../load.js';

interface ImportFlags {
  out: string;
  id?: string;
  name?: string;
  nameZh?: string;
  snapKm?: string;
  force?: boolean;
  strict?: boolean;
}

/** Write `text` to `file` via a temporary file and a rename, so a failure never leaves half a file. */
function writeAtomic(file: string, text: string | ((fd: number) => void)): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    if (typeof text === 'string') writeFileSync(tmp, text);
    else {
      const fd = openSync(tmp, 'w');
      try {
        text(fd);
      } finally {
        closeSync(fd);
      }
    }
    renameSync(tmp, file);
  } catch (err) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw new CliError(`cannot write ${file}: ${(err as Error).message}`, EXIT_FAILURE);
  }
}

function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError([{ path: '', file, message: code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(err)})` }]);
  }
}

/**
 * Write a network as JSON with one node, edge or point per line, in pieces: a million-edge network is never
 * held as one string (JSON.stringify of it would be as large as the file, twice over while it is written).
 */
function writeNetwork(fd: number, network: RegionNetwork): void {
  let buf = '{';
  const flush = (force = false): void => {
    if (force || buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  };
  Object.entries(network).forEach(([key, value], i) => {
    buf += `${i > 0 ? ',' : ''}\n ${JSON.stringify(key)}: `;
    if (Array.isArray(value) && (key === 'nodes' || key === 'edges' || key === 'points')) {
      buf += '[';
      value.forEach((el: unknown, k) => {
        buf += `${k > 0 ? ',' : ''}\n  ${JSON.stringify(el)}`;
        flush();
      });
      buf += value.length > 0 ? '\n ]' : ']';
    } else buf += JSON.stringify(value);
  });
  buf += '\n}\n';
  flush(true);
}

/** Parse and convert an input file by its extension (sniffing .json); throws InputError, writes nothing. */
export async function importRegionFile(file: string, opts: Omit<ImportOptions, 'file'> & { strict?: boolean } = {}): Promise<{ network: RegionNetwork; summary: ImportSummary | OsmImportSummary | null; boundaries?: AdminBoundary[] }> {
  const osm = osmFormatOf(file);
  if (osm !== undefined) return importOsmFile(file, opts, osm);
  const text = readInput(file);
  const ext = extname(file).toLowerCase();
  const o: ImportOptions = { ...opts, file };
  if (ext === '.geojson') return importGeoJson(text, o);
  if (ext === '.json') {
    const parsed = parseJsonText(text, file);
    const v = parsed.value as Record<string, unknown> | null;
    const kind = v !== null && typeof v === 'object' ? v['kind'] : undefined;
    const type = v !== null && typeof v === 'object' ? v['type'] : undefined;
    if (kind === 'region-network') {
      const { network } = validateRegionNetwork(parsed.value, { file, locator: parsed.locator() });
      return { network, summary: null };
    }
    if (type === 'FeatureCollection' || type === 'Feature') return importGeoJson(text, o);
    throw new InputError([{ path: '', file, message: 'a .json input must be a GeoJSON FeatureCollection or a region network ("kind": "region-network")' }]);
  }
  throw new InputError([{ path: '', file, message: `unsupported input '${ext || basename(file)}': expected .osm, .osm.gz, .osm.bz2 or .osm.pbf (OpenStreetMap), .geojson or .json` }]);
}

/** "; clipped at the extract's edge: 3 ways cut, 1 dropped (5 nodes outside the file); not applied: ..." */
function clipText(s: OsmImportSummary): string {
  const c = s.clip;
  let out = '';
  if (c.clippedWays + c.droppedWays > 0) {
    out += `\nclipped at the extract's edge: ${c.clippedWays} way${c.clippedWays === 1 ? '' : 's'} cut to the parts inside the file, ${c.droppedWays} dropped (fewer than 2 nodes inside); ${c.missingRefs} node reference${c.missingRefs === 1 ? '' : 's'} outside the file (--strict refuses such ways)`;
  }
  const t = s.turnRestrictions;
  if (t.applied > 0) out += `\nturn restrictions: ${t.applied} applied by splitting ${t.junctions} junction${t.junctions === 1 ? '' : 's'} (${t.connectors} turn connectors)`;
  const na = Object.entries(s.notApplied).map(([what, n]) => `${what} x${n}`);
  if (na.length > 0) out += `\nnot applied: ${na.join(', ')}`;
  return out;
}

/** A population CSV: header `zone,population` (by zone id) or `lat,lon,population` (people at points). */
export function readPopulationCsv(file: string): PopulationSource {
  const lines = readInput(file).split(/\r?\n/);
  const header = (lines[0] ?? '').trim().toLowerCase().split(/\s*,\s*/);
  const fail = (line: number, message: string): never => {
    throw new InputError([{ path: '', file, line, message }]);
  };
  const byZone = header.length === 2 && header[0] === 'zone' && header[1] === 'population';
  const byPoint = header.length === 3 && header[0] === 'lat' && header[1] === 'lon' && header[2] === 'population';
  if (!byZone && !byPoint) fail(1, `expected the header 'zone,population' or 'lat,lon,population', got '${lines[0] ?? ''}'`);
  const zones: Array<{ zone: string; population: number; line: number }> = [];
  const points: Array<{ lat: number; lon: number; population: number; line: number }> = [];
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === '') return;
    const f = raw.split(',').map((x) => x.trim());
    if (f.length !== header.length) fail(line, `expected ${header.length} comma-separated fields (${header.join(', ')}), got ${f.length}`);
    const population = Number(f[f.length - 1]);
    if (!(Number.isFinite(population) && population >= 0)) fail(line, `population must be a non-negative number, got '${f[f.length - 1]}'`);
    if (byZone) zones.push({ zone: f[0]!, population, line });
    else {
      const lat = Number(f[0]);
      const lon = Number(f[1]);
      if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) fail(line, `lat,lon must be decimal degrees, got '${f[0]},${f[1]}'`);
      points.push({ lat, lon, population, line });
    }
  });
  return byZone ? { kind: 'zones', rows: zones, file } : { kind: 'points', rows: points, file };
}

async function readPopulation(file: string): Promise<PopulationSource> {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return readPopulationCsv(file);
  if (lower.endsWith('.asc') || lower.endsWith('.asc.gz')) return { kind: 'raster', raster: readAsciiGrid(file), file };
  if (lower.endsWith('.tif') || lower.endsWith('.tiff')) return { kind: 'raster', raster: await readGeoTiff(file), file };
  throw new InputError([{ path: '', file, message: `unsupported population file '${basename(file)}': expected an ESRI ASCII grid (.asc, .asc.gz), a GeoTIFF (.tif) in WGS84 degrees, or a CSV (zone,population or lat,lon,population)` }]);
}

export function register(program: Command): void {
  const region = program.command('region').description(commandDescription('region'));

  region
    .command('import')
    .description('build a region network from OpenStreetMap (.osm, .osm.gz, .osm.bz2, .osm.pbf) or .geojson/.json and write <dir>/network.json')
    .argument('<file>', 'input file (.osm, .osm.gz, .osm.bz2, .osm.pbf, .geojson, .json)')
    .requiredOption('--out <dir>', 'region directory to write network.json into')
    .option('--id <id>', 'region id (default: the input file name)')
    .option('--name <name>', 'region name')
    .option('--name-zh <name>', 'region name in Chinese')
    .option('--snap-km <km>', 'points farther than this from every road node become nodes of their own', '0.5')
    .option('--strict', 'refuse ways that refer to nodes outside the file (default: clip them to the parts inside, and count)')
    .option('--force', 'overwrite an existing network.json')
    .action(async (fileArg: string, flags: ImportFlags) => {
      const file = resolve(fileArg);
      const snapKm = Number(flags.snapKm ?? '0.5');
      if (!(snapKm >= 0)) throw new InputError([{ path: '', message: `--snap-km must be a non-negative number, got '${flags.snapKm}'` }]);
      const outDir = resolve(flags.out);
      const outFile = join(outDir, NETWORK_FILE);
      if (existsSync(outFile) && flags.force !== true) {
        throw new CliError(`${outFile} exists; use --force to overwrite it`, EXIT_FAILURE);
      }
      const { network, summary } = await importRegionFile(file, {
        ...(flags.strict === true ? { strict: true } : {}),
        ...(flags.id !== undefined ? { id: flags.id } : {}),
        ...(flags.name !== undefined ? { name: flags.name } : {}),
        ...(flags.nameZh !== undefined ? { name_zh: flags.nameZh } : {}),
        snapKm,
      });
      // The importers build valid networks by construction; checking again catches what construction
      // cannot (ids that collide across sources) before anything is written, without routing's arrays.
      const { warnings } = checkRegionNetwork(network, { file: outFile });
      mkdirSync(outDir, { recursive: true });
      writeAtomic(outFile, (fd) => writeNetwork(fd, network));
      if (warnings.length > 0) process.stderr.write(`${formatIssues(warnings)}\n`);
      const skipped = summary !== null ? Object.entries(summary.skipped).map(([why, n]) => `${why} x${n}`) : [];
      const clipLine = summary !== null && 'clip' in summary ? clipText(summary) : '';
      process.stdout.write(
        `imported ${fileArg}${summary !== null ? ` (${summary.format})` : ''}: ${network.nodes.length} nodes, ${network.edges.length} edges, ${network.points?.length ?? 0} points` +
          (summary !== null && summary.collapsedVertices > 0 ? `; ${summary.collapsedVertices} shape vertices folded into edge lengths` : '') +
          (skipped.length > 0 ? `; skipped: ${skipped.join(', ')}` : '') +
          clipLine +
          `\nwrote ${outFile}\n`,
      );
    });

  region
    .command('init')
    .description('draft a runnable region (network, zones, assets) from an OpenStreetMap extract and a population grid or CSV; every record is marked as a draft to confirm')
    .argument('<extract>', 'OpenStreetMap extract (.osm, .osm.gz, .osm.bz2, .osm.pbf) or .geojson')
    .requiredOption('--population <file>', 'population: ESRI ASCII grid (.asc) or GeoTIFF in WGS84 degrees (WorldPop, GHS-POP), or CSV (zone,population or lat,lon,population)')
    .requiredOption('--out <dir>', 'region directory to write')
    .option('--zones <kind>', 'zones: hex (a hexagon grid) or admin (boundary=administrative areas of the extract at --admin-level)', 'hex')
    .option('--admin-level <n>', 'OSM admin_level of the areas that become zones with --zones admin (e.g. 8 or 9 for city districts in many countries)')
    .option('--hex <km>', 'side of the hexagonal zones, km', '1')
    .option('--id <id>', 'region id (default: the output directory name)')
    .option('--name <name>', 'region name (default: the id)')
    .option('--currency <code>', 'ISO 4217 code of money amounts (default: none stated, read as CNY)')
    .option('--force', 'overwrite existing region files')
    .action(async (extractArg: string, flags: { population: string; out: string; hex: string; zones: string; adminLevel?: string; id?: string; name?: string; currency?: string; force?: boolean }) => {
      const hexKm = Number(flags.hex);
      if (!(hexKm > 0 && hexKm <= 100)) throw new InputError([{ path: '', message: `--hex must be a side length in km above 0 and at most 100, got '${flags.hex}'` }]);
      if (flags.currency !== undefined && !/^[A-Z]{3}$/.test(flags.currency)) throw new InputError([{ path: '', message: `--currency must be an ISO 4217 code such as EUR or NZD, got '${flags.currency}'` }]);
      if (flags.zones !== 'hex' && flags.zones !== 'admin') throw new InputError([{ path: '', message: `--zones must be hex or admin, got '${flags.zones}'` }]);
      let adminLevel: number | undefined;
      if (flags.zones === 'admin') {
        adminLevel = Number(flags.adminLevel);
        if (flags.adminLevel === undefined || !(Number.isInteger(adminLevel) && adminLevel >= 1 && adminLevel <= 12)) {
          throw new InputError([{ path: '', message: `--zones admin needs --admin-level, an integer from 1 to 12 (OSM admin_level), got '${flags.adminLevel ?? ''}'` }]);
        }
      } else if (flags.adminLevel !== undefined) throw new InputError([{ path: '', message: '--admin-level applies to --zones admin only' }]);
      const outDir = resolve(flags.out);
      const files = ['region.json', NETWORK_FILE, 'zones.json', 'assets.json'].map((f) => join(outDir, f));
      const existing = files.filter((f) => existsSync(f));
      if (existing.length > 0 && flags.force !== true) throw new CliError(`${existing.join(', ')} exist${existing.length === 1 ? 's' : ''}; use --force to overwrite`, EXIT_FAILURE);
      const id = flags.id ?? (basename(outDir).replace(/[^A-Za-z0-9_.:-]/g, '-') || 'region');
      const name = flags.name ?? id;
      const population = await readPopulation(resolve(flags.population));
      const { network, summary: imported, boundaries } = await importRegionFile(resolve(extractArg), { id, name, snapKm: 0.5 });
      if (adminLevel !== undefined && boundaries === undefined) {
        throw new InputError([{ path: '', file: resolve(extractArg), message: '--zones admin needs an OpenStreetMap extract (.osm, .osm.gz, .osm.bz2, .osm.pbf): administrative boundaries are read from its relations' }]);
      }
      const { csr } = validateRegionNetwork(network, { file: files[1]! });
      const draft = draftRegion(network, csr, population, {
        id,
        name,
        hexKm,
        ...(adminLevel !== undefined ? { admin: { level: adminLevel, boundaries: boundaries!, file: resolve(extractArg) } } : {}),
        ...(flags.currency !== undefined ? { currency: flags.currency } : {}),
        networkRef: `${basename(extractArg)} (OpenStreetMap data © OpenStreetMap contributors, ODbL 1.0, when the extract is from OSM)`,
        populationRef: basename(flags.population),
      });
      mkdirSync(outDir, { recursive: true });
      writeAtomic(files[1]!, (fd) => writeNetwork(fd, network));
      writeAtomic(files[2]!, `${JSON.stringify(draft.zones, null, 1)}\n`);
      writeAtomic(files[3]!, `${JSON.stringify(draft.assets, null, 1)}\n`);
      writeAtomic(files[0]!, `${JSON.stringify(draft.region, null, 1)}\n`);
      process.stdout.write(
        `drafted region '${id}' in ${outDir} from ${extractArg}${imported !== null ? ` (${imported.format})` : ''}: ${network.nodes.length} junctions, ${network.edges.length} roads\n` +
          draft.summary.map((l) => `  ${l}\n`).join('') +
          `DRAFT: check the notes in region.json, zones.json and assets.json, then \`drillsim validate ${flags.out}\`\n`,
      );
    });

  region
    .command('export')
    .description('write a region network as GeoJSON (edges as LineStrings, nodes and points as Points)')
    .argument('<region>', 'region directory, network JSON file, or built-in region name')
    .option('--out <file>', 'output file (default: standard output)')
    .action((regionArg: string, flags: { out?: string }) => {
      const { network } = loadRegion(regionArg);
      const text = `${JSON.stringify(exportGeoJson(network))}\n`;
      if (flags.out === undefined) {
        process.stdout.write(text);
        return;
      }
      const out = resolve(flags.out);
      writeAtomic(out, text);
      process.stderr.write(`wrote ${out}: ${network.edges.length} edges, ${network.nodes.length} nodes, ${network.points?.length ?? 0} points\n`);
    });
}
