/**
 * Scenarios read GeoTIFF landscapes directly: the synchronous reader (a geotiff.js worker waited on) gives
 * what the asynchronous one gives, reports bad files at the file, and a scenario whose fuel and elevation are
 * .tif files runs replication for replication exactly as the same grids as ESRI ASCII.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/errors.js';
import { readAsciiGrid, readGeoTiff, readGeoTiffSync, type Raster } from '../../../models/hazards/wildfire/raster.js';
import { loadRegion } from '../../../models/region/load.js';
import { runReplication } from '../../../models/replication.js';
import { loadPlan, loadScenario } from '../../../models/scenario/load.js';

const dir = mkdtempSync(join(tmpdir(), 'drillsim-geotiff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A raster as a float64 GeoTIFF (geotiff.js's writer), north-up, its tie point at the north-west corner. */
function writeTif(file: string, r: Raster): void {
  const buffer = writeArrayBuffer(Float64Array.from(r.values), {
    width: r.cols,
    height: r.rows,
    ModelPixelScale: [r.cellSize, r.cellSize, 0],
    ModelTiepoint: [0, 0, 0, r.xll, r.yll + r.rows * r.cellSize, 0],
    ProjectedCSTypeGeoKey: 32648,
  });
  writeFileSync(file, Buffer.from(buffer));
}

function issueOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    if (err instanceof InputError) return err.issues.map((i) => `${i.file}: ${i.message}`).join('\n');
    throw err;
  }
  throw new Error('no error');
}

describe('readGeoTiffSync', () => {
  it('gives what the asynchronous reader gives', async () => {
    const values = Array.from({ length: 20 }, (_, i) => 0.5 * i - 3);
    const file = join(dir, 'small.tif');
    writeTif(file, { cols: 5, rows: 4, xll: 500_000, yll: 3_300_000, cellSize: 30, nodata: null, values: Float64Array.from(values) });
    const sync = readGeoTiffSync(file);
    const async = await readGeoTiff(file);
    expect(sync).toEqual(async);
    expect([sync.cols, sync.rows, sync.cellSize, sync.xll, sync.yll]).toEqual([5, 4, 30, 500_000, 3_300_000]);
    expect(Array.from(sync.values)).toEqual(values);
  });

  it('reports a missing file and a file that is not a GeoTIFF at the file', () => {
    expect(issueOf(() => readGeoTiffSync(join(dir, 'none.tif')))).toMatch(/none\.tif: cannot read the GeoTIFF: ENOENT/);
    const bad = join(dir, 'bad.tif');
    writeFileSync(bad, 'not a tiff');
    expect(issueOf(() => readGeoTiffSync(bad))).toMatch(/bad\.tif: not a readable GeoTIFF grid/);
  });
});

describe('a scenario with GeoTIFF landscape grids', () => {
  it('loads without conversion and runs exactly as with the ESRI ASCII grids', () => {
    const leshan = loadRegion('leshan');
    const gridDir = join(leshan.dir, 'wildfire');
    // A region directory holding the .tif grids (the region's own files stay where they are).
    const region = { ...leshan, dir };
    const tifDir = join(dir, 'wildfire');
    rmSync(tifDir, { recursive: true, force: true });
    mkdirSync(tifDir);
    for (const name of ['emei-fuel', 'emei-elevation']) writeTif(join(tifDir, `${name}.tif`), readAsciiGrid(join(gridDir, `${name}.asc.gz`)));
    const yaml = readFileSync('scenarios/leshan-wildfire-emei.yaml', 'utf8').replace(/\.asc\.gz/g, '.tif');
    expect(yaml).toContain('wildfire/emei-fuel.tif');
    const file = join(dir, 'emei-tif.yaml');
    writeFileSync(file, yaml);
    const tif = loadScenario(file, region);
    const asc = loadScenario('scenarios/leshan-wildfire-emei.yaml');
    const plan = 'scenarios/plans/leshan-wildfire-plan.yaml';
    for (const seed of [1, 2, 3]) {
      expect(runReplication(tif, loadPlan(plan, tif), 1, seed).metrics).toEqual(runReplication(asc, loadPlan(plan, asc), 1, seed).metrics);
    }
  });

  it('a broken .tif grid is a located scenario error, not a crash', () => {
    const leshan = loadRegion('leshan');
    const bad = join(dir, 'broken');
    mkdirSync(join(bad, 'wildfire'), { recursive: true });
    writeFileSync(join(bad, 'wildfire', 'emei-fuel.tif'), 'not a tiff');
    writeFileSync(join(bad, 'wildfire', 'emei-elevation.tif'), 'not a tiff');
    const file = join(bad, 'emei-tif.yaml');
    writeFileSync(file, readFileSync('scenarios/leshan-wildfire-emei.yaml', 'utf8').replace(/\.asc\.gz/g, '.tif'));
    expect(issueOf(() => loadScenario(file, { ...leshan, dir: bad }))).toMatch(/emei-fuel\.tif: not a readable GeoTIFF grid/);
  });
});
