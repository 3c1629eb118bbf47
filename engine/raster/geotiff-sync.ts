/**
 * A GeoTIFF read synchronously, for scenario compilation (which is synchronous: the CLI, the HTTP API and
 * the tests compile a scenario in one call). geotiff.js, the maintained reader, only decodes asynchronously;
 * rather than write a second TIFF decoder, the file is read by geotiff.js in a short-lived worker thread
 * while this thread waits on a shared flag (Atomics.wait) and then takes the worker's one message
 * (receiveMessageOnPort). The cost is a thread start, geotiff.js's load and its decode, paid per grid at
 * each scenario load (0.5-0.9 s for a 250 x 250 float64 grid on the shared 2-core machine at load average
 * 14); the calling thread is blocked meanwhile, so a scenario loaded often (over the HTTP API) is better
 * shipped with ESRI ASCII grids, or converted once with tools/leshan/wildfire-rasters.ts --from-geotiff.
 *
 * The worker's code is the string below (a worker started from a string needs no build step, so it runs
 * alike from dist/ and from the TypeScript sources under the test runner); it applies the same rules as
 * `readGeoTiff` in grid.ts (first band, north-up, square cells, GDAL nodata to NaN), and a test reads one
 * file both ways.
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { Raster } from './grid.js';

const WORKER = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { file, geotiffPath, signal, port } = workerData;
const reply = (message) => {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
};
(async () => {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return reply({ ok: false, message: 'cannot read the GeoTIFF: ' + (err.code || err.message) });
  }
  try {
    const { fromArrayBuffer } = require(geotiffPath);
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    const tiff = await fromArrayBuffer(copy);
    const image = await tiff.getImage();
    const cols = image.getWidth();
    const rows = image.getHeight();
    const [sx, sy] = image.getResolution();
    if (sx === undefined || sy === undefined || Math.abs(Math.abs(sx) - Math.abs(sy)) > 1e-9 * Math.abs(sx) || !(sy < 0)) {
      throw new RangeError('the grid must be north-up with square cells (pixel size ' + sx + ' x ' + sy + ')');
    }
    const [minX, minY] = image.getBoundingBox();
    const band = await image.readRasters({ samples: [0], interleave: true });
    const nodataText = image.getGDALNoData();
    const nodata = nodataText === null ? null : Number(nodataText);
    const values = new Float64Array(cols * rows);
    for (let i = 0; i < values.length; i++) {
      const v = band[i];
      values[i] = nodata !== null && v === nodata ? NaN : v;
    }
    reply({ ok: true, raster: { cols, rows, xll: minX, yll: minY, cellSize: Math.abs(sx), nodata, values } });
  } catch (err) {
    reply({ ok: false, message: 'not a readable GeoTIFF grid: ' + (err && err.message ? err.message : String(err)) });
  }
})();
`;

/** How long to wait for the worker before giving up (a huge or pathological file), ms. */
const TIMEOUT_MS = 120_000;

/** Read the first band of a single-image GeoTIFF synchronously (rules as `readGeoTiff`); errors name the file. */
export function readGeoTiffSync(file: string): Raster {
  const geotiffPath = createRequire(import.meta.url).resolve('geotiff');
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, { eval: true, workerData: { file, geotiffPath, signal, port: port2 }, transferList: [port2] });
  try {
    const waited = Atomics.wait(signal, 0, 0, TIMEOUT_MS);
    const message = receiveMessageOnPort(port1)?.message as { ok: true; raster: Raster } | { ok: false; message: string } | undefined;
    if (message === undefined) {
      throw new InputError([{ path: '', file, message: waited === 'timed-out' ? `reading the GeoTIFF took more than ${TIMEOUT_MS / 1000} s` : 'the GeoTIFF reader stopped without an answer' }]);
    }
    if (!message.ok) throw new InputError([{ path: '', file, message: message.message }]);
    return message.raster;
  } finally {
    port1.close();
    void worker.terminate();
  }
}
