/**
 * `drillsim region import <file> --out <dir>`: build a region network from OpenStreetMap (.osm, .osm.gz,
 * .osm.bz2, .osm.pbf; streamed) or GeoJSON (.geojson, or .json holding a FeatureCollection; a .json region
 * network is validated and copied). Nothing is written unless the whole input is valid.
 * `drillsim region export <region> [--out file]`: the region as GeoJSON (QGIS opens it).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { formatIssues, InputError } from '../../../engine/errors.js';
import { exportGeoJson } from '../../../engine/network/export-geojson.js';
import type { ImportOptions, ImportSummary } from '../../../engine/network/import-common.js';
import { importGeoJson } from '../../../engine/network/import-geojson.js';
import { importOsmFile, type OsmImportSummary } from '../../../engine/network/import-osm.js';
import { osmFormatOf } from '../../../engine/network/osm-source.js';
import { parseJsonText } from '../../../engine/network/json-source.js';
import { validateRegionNetwork } from '../../../engine/network/load.js';
import type { RegionNetwork } from '../../../engine/network/schema.js';
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
export async function importRegionFile(file: string, opts: Omit<ImportOptions, 'file'> & { strict?: boolean } = {}): Promise<{ network: RegionNetwork; summary: ImportSummary | OsmImportSummary | null }> {
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
  const na = Object.entries(s.notApplied).map(([what, n]) => `${what} x${n}`);
  if (na.length > 0) out += `\nnot applied: ${na.join(', ')}`;
  return out;
}

export function register(program: Command): void {
  const region = program.command('region').description('import, export and inspect region road networks');

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
      // The importers build valid networks by construction; validating again costs little and catches
      // what construction cannot (ids that collide across sources) before anything is written.
      const { warnings } = validateRegionNetwork(network, { file: outFile });
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
