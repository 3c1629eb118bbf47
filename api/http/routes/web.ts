/**
 * What the web page (web/, docs/web.md) needs beyond the API: the page itself at `/` (the vite build in
 * dist/web, served by @fastify/static), the published JSON Schemas its editor validates and completes
 * against, and the trace of one replication of a batch for the map replay, recomputed from the batch's
 * seed on demand (batches/trace-job.ts) and kept in a small cache while the replay is watched.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/swagger';
import { publishJsonSchemas } from '../../../models/schema/json-schema.js';
import type { BatchService } from '../batches/service.js';
import { ApiError } from '../errors.js';
import { BatchParams, errorResponses } from '../schemas.js';

const closed = { additionalProperties: false };

export const TraceParams = Type.Object({ id: BatchParams.properties.id, index: Type.Integer({ minimum: 0, maximum: 999_999 }) }, closed);
export const TraceQuery = Type.Object({ plan: Type.Optional(Type.Union([Type.Literal('a'), Type.Literal('b')])) }, closed);
export const SchemaParams = Type.Object({ name: Type.String({ pattern: '^[a-z-]+(\\.json)?$', maxLength: 40 }) }, closed);

/** The vite build of web/ (npm run build:web); absent in a checkout that was never built. */
export function webRoot(packageRoot: string): string {
  return join(packageRoot, 'dist', 'web');
}

/** Traces kept: a replay asks for one trace, then the user may step between a few replications. */
const TRACE_CACHE = 8;

export function registerWebRoutes(app: FastifyInstance, service: BatchService, options: { packageRoot: string }): void {
  // Built on first use: most servers never serve them, and start-up should not pay for it.
  let schemas: ReturnType<typeof publishJsonSchemas> | undefined;
  app.get<{ Params: { name: string } }>(
    '/v1/schemas/:name',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['documents'],
        summary: 'A published JSON Schema (scenario, plan, region, ...), as `drillsim schema` writes it',
        params: SchemaParams,
        response: { 200: Type.Unknown({ description: 'a JSON Schema (draft 2020-12)' }), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const file = request.params.name.endsWith('.json') ? request.params.name : `${request.params.name}.json`;
      schemas ??= publishJsonSchemas();
      const schema = schemas[file];
      if (schema === undefined) {
        throw new ApiError(404, 'not-found', `no schema '${request.params.name}'; there are: ${Object.keys(schemas).map((f) => f.replace(/\.json$/, '')).join(', ')}`);
      }
      return reply.header('cache-control', 'max-age=300').send(schema);
    },
  );

  const traces = new Map<string, Promise<string>>();
  app.get<{ Params: { id: string; index: number }; Querystring: { plan?: 'a' | 'b' } }>(
    '/v1/batches/:id/replications/:index/trace',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['batches'],
        summary: 'The trace of replication `index` of a batch (events, team moves, shelter occupancy), recomputed from its seed',
        params: TraceParams,
        querystring: TraceQuery,
        response: { 200: Type.Unknown({ description: 'the trace (api/http/batches/trace-job.ts ReplicationTrace)' }), ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const { id, index } = request.params;
      const row = service.get(id);
      if (row === undefined) throw new ApiError(404, 'not-found', `batch '${id}' does not exist`);
      if (index >= row.total) {
        throw new ApiError(422, 'invalid-request', `batch '${id}' has replications 0 to ${row.total - 1}`, [{ path: '/index', message: `at most ${row.total - 1}` }]);
      }
      const plan = request.query.plan === 'b' ? 1 : 0;
      if (plan === 1 && row.kind !== 'compare') {
        throw new ApiError(422, 'invalid-request', `batch '${id}' is a ${row.kind} batch with one plan: plan=b is for comparisons`, [{ path: '/plan', message: 'only for compare batches' }]);
      }
      const key = `${id}:${index}:${plan}`;
      let text = traces.get(key);
      if (text === undefined) {
        text = service.trace(row, index, plan);
        traces.set(key, text);
        if (traces.size > TRACE_CACHE) traces.delete(traces.keys().next().value!);
        text.catch(() => traces.delete(key));
      }
      return reply.type('application/json; charset=utf-8').serializer((s: unknown) => s as string).send(await text);
    },
  );

  const root = webRoot(options.packageRoot);
  if (existsSync(join(root, 'index.html'))) {
    // Hashed asset names never change content: cache them for a year; index.html is always revalidated.
    void app.register(fastifyStatic, {
      root,
      prefix: '/',
      index: ['index.html'],
      // Files are looked up per request (not listed at start), so a rebuild of the page while the server runs is served.
      wildcard: true,
      setHeaders: (reply, path) => {
        void reply.header('cache-control', path.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        void reply.header('x-content-type-options', 'nosniff');
        void reply.header('content-security-policy', "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; connect-src 'self'");
      },
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>drillsim</title><p>The web page is not built: run <code>npm run build</code>. The API is at <a href="/docs">/docs</a>.</p>'),
    );
  }
}
