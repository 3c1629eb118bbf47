/**
 * Rasters (the fire landscape, population grids for region init): ESRI ASCII grids (plain or gzip-compressed), read with located errors.
 *
 * The ESRI ASCII grid format: a header of `ncols`, `nrows`, `xllcorner`|`xllcenter`, `yllcorner`|`yllcenter`,
 * `cellsize` and optionally `nodata_value`, then nrows lines of ncols numbers, the first row the northern
 * one (ESRI ArcGIS documentation, "Esri ASCII raster format"). Coordinates here are in degrees of
 * longitude and latitude or in metres of a projected system; the landscape only needs the cell size in
 * metres (`cellSizeM`), given by the caller for geographic grids.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../errors.js';

export interface Raster {
  cols: number;
  rows: number;
  /** Lower-left corner of the lower-left cell (x = easting or longitude, y = northing or latitude). */
  xll: number;
  yll: number;
  cellSize: number;
  nodata: number | null;
  /** Row-major values, row 0 the northern row. NaN where the grid has its nodata value. */
  values: Float64Array;
}

const HEADER_KEYS = ['ncols', 'nrows', 'xllcorner', 'xllcenter', 'yllcorner', 'yllcenter', 'cellsize', 'nodata_value'] as const;

/** Parse an ESRI ASCII grid; problems are reported at the file and line. */
export function parseAsciiGrid(text: string, file: string): Raster {
  const fail = (line: number, message: string): never => {
    throw new InputError([{ path: '', file, line, message }]);
  };
  const lines = text.split(/\r?\n/);
  const header = new Map<string, number>();
  let i = 0;
  for (; i < lines.length; i++) {
    const parts = lines[i]!.trim().split(/\s+/);
    const key = parts[0]?.toLowerCase() ?? '';
    if (!(HEADER_KEYS as readonly string[]).includes(key)) break;
    const value = Number(parts[1]);
    if (parts.length !== 2 || !Number.isFinite(value)) fail(i + 1, `header '${parts[0]}' needs one number`);
    header.set(key, value);
  }
  const need = (key: string): number => header.get(key) ?? fail(i + 1, `missing header '${key}' (expected ${HEADER_KEYS.join(', ')})`);
  const cols = need('ncols');
  const rows = need('nrows');
  if (!(Number.isInteger(cols) && Number.isInteger(rows) && cols > 0 && rows > 0)) fail(1, `ncols and nrows must be positive integers, got ${cols} x ${rows}`);
  if (cols * rows > 25_000_000) fail(1, `${cols} x ${rows} cells is more than the 25 million this reader takes`);
  const cellSize = need('cellsize');
  if (!(cellSize > 0)) fail(1, `cellsize must be positive, got ${cellSize}`);
  const centre = header.has('xllcenter');
  const xll = (header.get('xllcorner') ?? need('xllcenter')) - (centre ? cellSize / 2 : 0);
  const yll = (header.get('yllcorner') ?? need('yllcenter')) - (header.has('yllcenter') ? cellSize / 2 : 0);
  const nodata = header.get('nodata_value') ?? null;
  const values = new Float64Array(cols * rows);
  let k = 0;
  for (; i < lines.length && k < values.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const parts = line.split(/\s+/);
    for (const p of parts) {
      const v = Number(p);
      if (!Number.isFinite(v)) fail(i + 1, `'${p}' is not a number`);
      if (k >= values.length) fail(i + 1, `more than ncols x nrows = ${values.length} values`);
      values[k++] = nodata !== null && v === nodata ? NaN : v;
    }
  }
  if (k < values.length) fail(lines.length, `${k} values for ncols x nrows = ${values.length}`);
  for (; i < lines.length; i++) if (lines[i]!.trim() !== '') fail(i + 1, `more than ncols x nrows = ${values.length} values`);
  return { cols, rows, xll, yll, cellSize, nodata, values };
}

/** Read an ESRI ASCII grid file, gunzipping `.gz` files. */
export function readAsciiGrid(file: string): Raster {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new InputError([{ path: '', file, message: `cannot read the grid: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` }]);
  }
  if (file.endsWith('.gz')) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: 512 * 1024 * 1024 });
    } catch (err) {
      throw new InputError([{ path: '', file, message: `not a readable gzip file: ${(err as Error).message}` }]);
    }
  }
  return parseAsciiGrid(bytes.toString('utf8'), file);
}

/** Write an ESRI ASCII grid (integers are written without decimals). */
export function formatAsciiGrid(r: Raster, decimals = 0): string {
  const out = [
    `ncols ${r.cols}`,
    `nrows ${r.rows}`,
    `xllcorner ${r.xll}`,
    `yllcorner ${r.yll}`,
    `cellsize ${r.cellSize}`,
    ...(r.nodata !== null ? [`NODATA_value ${r.nodata}`] : []),
  ];
  for (let row = 0; row < r.rows; row++) {
    const cells: string[] = [];
    for (let col = 0; col < r.cols; col++) {
      const v = r.values[row * r.cols + col]!;
      cells.push(Number.isNaN(v) ? String(r.nodata ?? -9999) : v.toFixed(decimals));
    }
    out.push(cells.join(' '));
  }
  return out.join('\n') + '\n';
}

/**
 * Read the first band of a single-image GeoTIFF with geotiff.js (a maintained reader: strips and tiles,
 * deflate, LZW and packbits). The grid must be north-up with square cells (ModelPixelScale x = y); the
 * lower-left corner comes from the image's bounding box, in the file's own coordinate system. Asynchronous
 * (geotiff.js decodes asynchronously); scenario compilation, which is synchronous, reads GeoTIFFs with
 * `readGeoTiffSync` (geotiff-sync.ts), which runs the same rules in a worker thread.
 */
export async function readGeoTiff(file: string): Promise<Raster> {
  const { fromArrayBuffer } = await import('geotiff');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new InputError([{ path: '', file, message: `cannot read the GeoTIFF: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` }]);
  }
  try {
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    const tiff = await fromArrayBuffer(copy);
    const image = await tiff.getImage();
    const cols = image.getWidth();
    const rows = image.getHeight();
    const [sx, sy] = image.getResolution();
    if (sx === undefined || sy === undefined || Math.abs(Math.abs(sx) - Math.abs(sy)) > 1e-9 * Math.abs(sx) || !(sy < 0)) {
      throw new RangeError(`the grid must be north-up with square cells (pixel size ${sx} x ${sy})`);
    }
    const [minX, minY] = image.getBoundingBox();
    const band = (await image.readRasters({ samples: [0], interleave: true })) as unknown as ArrayLike<number>;
    const nodataText = image.getGDALNoData();
    const nodata = nodataText === null ? null : Number(nodataText);
    const values = new Float64Array(cols * rows);
    for (let i = 0; i < values.length; i++) {
      const v = band[i]!;
      values[i] = nodata !== null && v === nodata ? NaN : v;
    }
    return { cols, rows, xll: minX!, yll: minY!, cellSize: Math.abs(sx), nodata, values };
  } catch (err) {
    throw new InputError([{ path: '', file, message: `not a readable GeoTIFF grid: ${(err as Error).message}` }]);
  }
}
