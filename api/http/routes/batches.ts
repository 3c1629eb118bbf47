/**
 * Batches: POST /v1/batches (202 + id + Location), GET one or a list, DELETE (cancel), GET .../events
 * (server-sent events: progress, done, error) and GET .../results (JSON, or CSV with ?format=csv).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/swagger';
import type { PrecisionTarget } from '../../../engine/batch/stopping.js';
import type { Scorecard } from '../../../models/scoring/scorecard.js';
import { LOCAL_OWNER, type BatchEvent, type BatchService } from '../batches/service.js';
import type { BatchSnapshot, BatchSpec } from '../batches/jobs.js';
import type { Comparison } from '../../../models/study/compare.js';
import { comparisonCsv, scorecardCsv } from '../csv.js';
import { scriptCsv } from '../../../models/drill/formats.js';
import type { DrillScript } from '../../../models/schema/drill.js';
import { ApiError, type ErrorBody } from '../errors.js';
import type { BatchRow, BatchStatus } from '../storage/batches.js';
import {
  BatchListQuery,
  BatchParams,
  BatchSchema,
  CompareBody,
  CreateBatchBody,
  errorResponses,
  ResultsQuery,
  ResultsSchema,
  type CompareBodyT,
  type CreateBatchBodyT,
} from '../schemas.js';

export const DEFAULT_API_REPLICATIONS = 100;

export interface BatchRouteOptions {
  defaultWorkers: number;
  maxWorkers: number;
}

function links(id: string) {
  const self = `/v1/batches/${id}`;
  return { self, events: `${self}/events`, results: `${self}/results`, charts: `${self}/charts` };
}

/** The API view of a batch record. */
export function batchView(row: BatchRow, withResults: boolean): Record<string, unknown> {
  const spec = row.spec as BatchSpec;
  const refs = (row.snapshot as BatchSnapshot | null)?.refs;
  const precision = spec.precision === null ? null : Object.fromEntries(spec.precision.map((t: PrecisionTarget) => [t.metric, t.halfWidth]));
  const view: Record<string, unknown> = {
    id: row.id,
    kind: row.kind,
    status: row.status,
    scenario: refs?.scenario ?? { id: spec.scenario, version: 0, builtin: false },
    plans: refs?.plans ?? [],
    region: refs?.region ?? { id: '', version: 0, builtin: false },
    seed: spec.seed,
    replications: spec.replications,
    precision,
    workers: spec.workers,
    chunkSize: row.chunkSize,
    progress: { done: row.nextIndex, total: row.total, chunksDone: row.chunksDone },
    partial: row.status === 'cancelled' || (row.status === 'failed' && row.nextIndex < row.total),
    stoppedEarly: row.stoppedEarly,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    links: links(row.id),
  };
  if (row.error !== null) view['error'] = row.error as ErrorBody;
  if (withResults && row.status === 'done' && row.result !== null) view['results'] = row.result;
  return view;
}

function sse(event: string, data: unknown, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

const FINISHED: ReadonlySet<BatchStatus> = new Set(['done', 'failed', 'cancelled']);

export function registerBatchRoutes(app: FastifyInstance, service: BatchService, options: BatchRouteOptions): void {
  const tags = ['batches'];
  // Open event streams, ended when the server closes (a hijacked stream would otherwise hold it open).
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });
  const workersFor = (asked: number | undefined): number => {
    const workers = asked ?? options.defaultWorkers;
    if (workers > options.maxWorkers) {
      throw new ApiError(422, 'invalid-request', `this server runs at most ${options.maxWorkers} workers per batch`, [{ path: '/workers', message: `at most ${options.maxWorkers}` }]);
    }
    return workers;
  };

  app.post<{ Body: CreateBatchBodyT }>(
    '/v1/batches',
    {
      config: { role: 'author' },
      schema: {
        tags,
        summary: 'Start a batch of replications (202; follow Location, or the events stream); 429 over the per-token quota',
        body: CreateBatchBody,
        response: { 202: BatchSchema, ...errorResponses(404, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const precision: PrecisionTarget[] | null =
        b.precision === undefined
          ? null
          : Object.entries(b.precision)
              .filter((e): e is [string, number] => typeof e[1] === 'number')
              .map(([metric, halfWidth]) => ({ metric, halfWidth }));
      const spec: BatchSpec = {
        scenario: b.scenario,
        plans: b.plan !== undefined ? [b.plan] : [],
        replications: b.replications ?? DEFAULT_API_REPLICATIONS,
        precision,
        seed: b.seed,
        workers: workersFor(b.workers),
        owner: request.token?.id ?? LOCAL_OWNER,
      };
      const view = batchView(service.create('score', spec, ['/plan']), false);
      return reply.code(202).header('location', (view['links'] as { self: string }).self).send(view);
    },
  );

  app.post<{ Body: CompareBodyT }>(
    '/v1/compare',
    {
      config: { role: 'author' },
      schema: {
        tags,
        summary: 'Compare plans A and B on common random numbers: a batch of kind compare (202; results as `drillsim compare --json`)',
        body: CompareBody,
        response: { 202: BatchSchema, ...errorResponses(404, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const spec: BatchSpec = {
        scenario: b.scenario,
        plans: [b.planA, b.planB],
        replications: b.replications ?? DEFAULT_API_REPLICATIONS,
        precision: null,
        seed: b.seed,
        workers: workersFor(b.workers),
        owner: request.token?.id ?? LOCAL_OWNER,
      };
      const view = batchView(service.create('compare', spec, ['/planA', '/planB']), false);
      return reply.code(202).header('location', (view['links'] as { self: string }).self).send(view);
    },
  );

  app.get<{ Querystring: { status?: BatchStatus; limit?: number } }>(
    '/v1/batches',
    {
      config: { role: 'viewer' },
      schema: { tags, summary: 'List batches, newest first', querystring: BatchListQuery, response: { 200: Type.Object({ items: Type.Array(BatchSchema) }), ...errorResponses() } },
    },
    async (request) => ({ items: service.list(request.query.limit ?? 100, request.query.status).map((r) => batchView(r, false)) }),
  );

  app.get<{ Params: { id: string } }>(
    '/v1/batches/:id',
    {
      config: { role: 'viewer' },
      schema: { tags, summary: 'Status, progress, and the results once done', params: BatchParams, response: { 200: BatchSchema, ...errorResponses(404) } },
    },
    async (request) => {
      const row = service.get(request.params.id);
      if (row === undefined) throw new ApiError(404, 'not-found', `batch '${request.params.id}' does not exist`);
      return batchView(row, true);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/batches/:id',
    {
      config: { role: 'author' },
      schema: { tags, summary: 'Cancel a queued or running batch (the chunks merged so far stay as partial results)', params: BatchParams, response: { 202: BatchSchema, 200: BatchSchema, ...errorResponses(404, 409) } },
    },
    async (request, reply) => {
      const before = service.get(request.params.id, true);
      if (before === undefined) throw new ApiError(404, 'not-found', `batch '${request.params.id}' does not exist`);
      if (FINISHED.has(before.status)) throw new ApiError(409, 'finished', `batch '${before.id}' is already ${before.status}`);
      const after = (await service.cancel(before.id))!;
      // 200 when it is cancelled already (it was queued); 202 while the running chunks wind down.
      return reply.code(after.status === 'cancelled' ? 200 : 202).send(batchView(after, false));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/batches/:id/events',
    {
      config: { role: 'viewer' },
      schema: {
        tags,
        summary: 'Server-sent events: progress (per chunk), then done or error; the stream ends after either',
        params: BatchParams,
        produces: ['text/event-stream'],
        response: { 200: Type.String({ description: 'text/event-stream' }), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const row = service.get(id, true);
      if (row === undefined) throw new ApiError(404, 'not-found', `batch '${id}' does not exist`);
      reply.hijack();
      const res = reply.raw;
      const headers: Record<string, string> = {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      };
      // Headers set by hooks (CORS) would be lost with the hijack; copy them.
      for (const [k, v] of Object.entries(reply.getHeaders())) if (typeof v === 'string') headers[k] = v;
      res.writeHead(200, headers);
      let seq = 0;
      let closed = false;
      const write = (event: string, data: unknown): void => {
        if (!closed) res.write(sse(event, data, ++seq));
      };
      const end = (): void => {
        if (closed) return;
        closed = true;
        streams.delete(end);
        clearInterval(heartbeat);
        unsubscribe();
        res.end();
      };
      streams.add(end);
      const unsubscribe = service.subscribe(id, (e: BatchEvent) => {
        write(e.type, e.data);
        if (e.type !== 'progress') end();
      });
      const heartbeat = setInterval(() => {
        if (!closed) res.write(': keep-alive\n\n');
      }, 15_000);
      request.raw.on('close', end);
      // The state now: subscribed first, so nothing that happens after this read is missed.
      const now = service.get(id, true)!;
      write('progress', { id, status: now.status, done: now.nextIndex, total: now.total, chunksDone: now.chunksDone });
      if (now.status === 'done' || now.status === 'cancelled') {
        write('done', service.doneEvent(now));
        end();
      } else if (now.status === 'failed') {
        write('error', { id, ...(now.error as ErrorBody) });
        end();
      }
    },
  );

  app.get<{ Params: { id: string }; Querystring: { format?: 'json' | 'csv' } }>(
    '/v1/batches/:id/results',
    {
      config: { role: 'viewer' },
      schema: {
        tags,
        summary: 'The scorecard (as `drillsim run --json`), or ?format=csv; 409 until the batch has finished',
        params: BatchParams,
        querystring: ResultsQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: ResultsSchema, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const row = service.get(request.params.id);
      if (row === undefined) throw new ApiError(404, 'not-found', `batch '${request.params.id}' does not exist`);
      if (row.result === null) {
        throw new ApiError(409, 'not-finished', `batch '${row.id}' is ${row.status}: results come when it is done (follow ${links(row.id).events})`);
      }
      if (request.query.format === 'csv') {
        const csv =
          row.kind === 'compare' ? comparisonCsv(row.result as Comparison) : row.kind === 'drill' ? scriptCsv(row.result as DrillScript) : scorecardCsv(row.result as Scorecard);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="batch-${row.id}.csv"`)
          .serializer((s: unknown) => s as string)
          .send(csv);
      }
      return {
        id: row.id,
        kind: row.kind,
        status: row.status,
        replications: row.nextIndex,
        partial: row.status !== 'done',
        stoppedEarly: row.stoppedEarly,
        [row.kind === 'compare' ? 'comparison' : row.kind === 'drill' ? 'script' : 'scorecard']: row.result,
      };
    },
  );
}
