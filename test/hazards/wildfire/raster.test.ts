/**
 * Rasters: ESRI ASCII grids parse with located errors; a GeoTIFF written by geotiff.js reads back the same
 * values; Horn's slope and aspect are exact on a plane; the committed synthetic Leshan rasters are what
 * their generator writes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/errors.js';
import { parseAsciiGrid, readAsciiGrid, readGeoTiff } from '../../../models/hazards/wildfire/raster.js';
import { slopeAspect } from '../../../models/hazards/wildfire/terrain.js';

const dir = mkdtempSync(join(tmpdir(), 'drillsim-raster-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function issueOf(f: () => unknown): { line?: number; message: string } {
  try {
    f();
  } catch (err) {
    if (err instanceof InputError) return err.issues[0]!;
    throw err;
  }
  throw new Error('no error');
}

describe('ESRI ASCII grids', () => {
  const grid = 'ncols 3\nnrows 2\nxllcorner 100\nyllcorner 200\ncellsize 30\nNODATA_value -9999\n1 2 3\n4 -9999 6\n';

  it('reads the header, the values row by row from the north, and nodata as NaN', () => {
    const r = parseAsciiGrid(grid, 'g.asc');
    expect([r.cols, r.rows, r.xll, r.yll, r.cellSize, r.nodata]).toEqual([3, 2, 100, 200, 30, -9999]);
    expect(Array.from(r.values)).toEqual([1, 2, 3, 4, NaN, 6]);
    // Centre-registered headers are moved to the corner.
    const c = parseAsciiGrid(grid.replace('xllcorner 100', 'xllcenter 115').replace('yllcorner 200', 'yllcenter 215'), 'g.asc');
    expect([c.xll, c.yll]).toEqual([100, 200]);
  });

  it('reports a bad value, a short grid and a missing header at their line', () => {
    expect(issueOf(() => parseAsciiGrid(grid.replace('4 -9999 6', '4 x 6'), 'g.asc'))).toMatchObject({ line: 8, message: "'x' is not a number" });
    expect(issueOf(() => parseAsciiGrid(grid.replace('4 -9999 6\n', '4\n'), 'g.asc')).message).toMatch(/4 values for ncols x nrows = 6/);
    expect(issueOf(() => parseAsciiGrid(grid.replace('cellsize 30\n', ''), 'g.asc')).message).toMatch(/missing header 'cellsize'/);
    expect(issueOf(() => readAsciiGrid(join(dir, 'none.asc'))).message).toMatch(/cannot read the grid: ENOENT/);
  });
});

describe('GeoTIFF (geotiff.js)', () => {
  it('reads back the first band, the cell size and the lower-left corner', async () => {
    const values = Array.from({ length: 12 }, (_, i) => 100 + i);
    const buffer = writeArrayBuffer(values, {
      width: 4,
      height: 3,
      ModelPixelScale: [30, 30, 0],
      ModelTiepoint: [0, 0, 0, 500000, 3300000, 0],
      GeographicTypeGeoKey: 4326,
      GeogCitationGeoKey: 'WGS 84',
    });
    const file = join(dir, 'g.tif');
    writeFileSync(file, Buffer.from(buffer));
    const r = await readGeoTiff(file);
    expect([r.cols, r.rows, r.cellSize, r.xll, r.yll]).toEqual([4, 3, 30, 500000, 3300000 - 90]);
    expect(Array.from(r.values)).toEqual(values);
  });

  it('reports a file that is not a GeoTIFF', async () => {
    const file = join(dir, 'bad.tif');
    writeFileSync(file, 'not a tiff');
    await expect(readGeoTiff(file)).rejects.toThrow(InputError);
  });
});

describe("Horn's slope and aspect", () => {
  it('are exact on a plane: rising 0.3 to the north-east faces south-west', () => {
    const cols = 7;
    const rows = 6;
    const cell = 25;
    const z = new Float64Array(cols * rows);
    // Row 0 is north: y grows with -row.
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) z[r * cols + c] = 0.3 * Math.SQRT1_2 * (c * cell + (rows - r) * cell);
    const t = slopeAspect(z, cols, rows, cell);
    expect(t.slope[3 * cols + 3]).toBeCloseTo(0.3, 12);
    expect(t.aspectDeg[3 * cols + 3]).toBeCloseTo(225, 9);
  });
});

describe('the synthetic Leshan rasters', () => {
  it('are what tools/leshan/wildfire-rasters.ts writes', () => {
    const out = execFileSync('npx', ['tsx', 'tools/leshan/wildfire-rasters.ts', '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/up to date/);
  }, 120_000);
});
