/**
 * Region uploads of any size (issue 17): a region bundle is the whole road network of a city, hundreds of
 * megabytes for a million roads, far past what a request body held in memory should be. From
 * STREAM_MIN_BYTES on (or when the client does not say how much it sends) the body of a region route is
 * streamed to a temporary file as it arrives, counted against the region limit (413 as soon as it is
 * passed, before more is read), and handed to the document thread by its path: the event loop never holds
 * the body as a string and never parses it, so the server keeps answering while a large region is checked.
 * Smaller bodies keep the in-memory path every other document takes.
 *
 * The limit: ServerOptions.regionMaxBytes, else the DRILLSIM_REGION_MAX_BYTES environment variable, else
 * DEFAULT_REGION_MAX_BYTES (512 MiB).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

export const DEFAULT_REGION_MAX_BYTES = 512 * 1024 * 1024;
export const REGION_MAX_BYTES_ENV = 'DRILLSIM_REGION_MAX_BYTES';
/** Bodies from this size on are streamed to a file; below it they are read in memory as before. */
export const STREAM_MIN_BYTES = 1024 * 1024;

/** The region body limit in bytes: the option, else the environment, else the default. */
export function regionMaxBytes(option?: number, env: NodeJS.ProcessEnv = process.env): number {
  if (option !== undefined) {
    if (!Number.isInteger(option) || option < 1) throw new RangeError(`regionMaxBytes must be a positive integer number of bytes, got ${option}`);
    return option;
  }
  const raw = env[REGION_MAX_BYTES_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_REGION_MAX_BYTES;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${REGION_MAX_BYTES_ENV} must be a positive integer number of bytes, got '${raw}'`);
  return n;
}

/** A body streamed to disk: where, and how many bytes. */
export interface RegionUpload {
  file: string;
  bytes: number;
}

const uploads = new WeakMap<FastifyRequest, RegionUpload>();

/** The streamed body of this request, when it was streamed. */
export function regionUploadOf(request: FastifyRequest): RegionUpload | undefined {
  return uploads.get(request);
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
}

function tooLarge(limit: number, got: string): ApiError {
  return new ApiError(413, 'payload-too-large', `a region body may be at most ${limit} bytes (${mib(limit)}); this one is ${got}. The server's limit is set by --region-max-bytes or ${REGION_MAX_BYTES_ENV}`, [
    { path: '', message: `at most ${limit} bytes` },
  ]);
}

/**
 * The preParsing hook of the region routes: stream a large body to a file under `scratch` and give fastify an
 * empty body in its place (its parsers then see no text; the route reads regionUploadOf instead).
 */
export function regionPreParsing(scratch: () => string, limit: number) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: NodeJS.ReadableStream & { receivedEncodedLength?: number }): Promise<NodeJS.ReadableStream> => {
    const header = request.headers['content-length'];
    const declared = header === undefined ? Number.NaN : Number(header);
    // The rest of a refused body is never read: the connection is closed after the answer, not reused.
    if (declared > limit) {
      void reply.header('connection', 'close');
      throw tooLarge(limit, `${declared} bytes`);
    }
    if (declared < STREAM_MIN_BYTES) return payload;
    const dir = scratch();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `upload-${randomBytes(8).toString('hex')}`);
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > limit) done(tooLarge(limit, `more than that (${bytes} bytes read so far)`));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(payload, count, createWriteStream(file));
    } catch (err) {
      rmSync(file, { force: true });
      void reply.header('connection', 'close');
      // A client that stops sending mid-body gets the same answer a buffered body would give.
      throw err instanceof ApiError ? err : new ApiError(400, 'bad-request', 'the request body ended before it was complete', [{ path: '', message: String((err as Error).message) }]);
    }
    uploads.set(request, { file, bytes });
    const empty = Readable.from([]) as Readable & { receivedEncodedLength?: number };
    // fastify compares this with Content-Length: the bytes did arrive, into the file.
    empty.receivedEncodedLength = bytes;
    return empty;
  };
}

/** onResponse hook of the region routes: the streamed body's file is removed once the answer is sent. */
export async function removeRegionUpload(request: FastifyRequest): Promise<void> {
  const upload = uploads.get(request);
  if (upload !== undefined) rmSync(upload.file, { force: true });
}
