/**
 * GET /v1/batches/:id/charts (the list) and /v1/batches/:id/charts/:name[.json|.svg]: vega-lite JSON, or
 * SVG rendered on the server. Charts are drawn from the merged accumulator, so a running batch has charts
 * of the replications so far.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/swagger';
import type { TopLevelSpec } from 'vega-lite';
import type { BatchService } from '../batches/service.js';
import { chartCatalog } from '../charts/specs.js';
import { REGISTRY } from '../../../models/registry.js';
import type { BatchRow } from '../storage/batches.js';
import type { BatchSnapshot } from '../batches/jobs.js';
import { renderSvg, SvgCache } from '../charts/render.js';
import { ApiError } from '../errors.js';
import { BatchParams, ChartParams, errorResponses } from '../schemas.js';

export function registerChartRoutes(app: FastifyInstance, service: BatchService): void {
  const tags = ['charts'];
  const cache = new SvgCache();

  app.get<{ Params: { id: string } }>(
    '/v1/batches/:id/charts',
    {
      config: { role: 'viewer' },
      schema: {
        tags,
        summary: 'The charts a batch has (name, title, whether it is available)',
        params: BatchParams,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ name: Type.String(), title: Type.String(), available: Type.Boolean(), reason: Type.Optional(Type.String()), json: Type.String(), svg: Type.String() })),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const row = service.get(request.params.id);
      if (row === undefined) throw new ApiError(404, 'not-found', `batch '${request.params.id}' does not exist`);
      const base = `/v1/batches/${row.id}/charts`;
      return { items: chartCatalog(batchMetrics(row)).map((c) => ({ ...c, json: `${base}/${c.name}.json`, svg: `${base}/${c.name}.svg` })) };
    },
  );

  app.get<{ Params: { id: string; name: string } }>(
    '/v1/batches/:id/charts/:name',
    {
      config: { role: 'viewer' },
      schema: {
        tags,
        summary: 'A chart as vega-lite JSON (name or name.json) or as SVG (name.svg)',
        params: ChartParams,
        produces: ['application/json', 'image/svg+xml'],
        response: { 200: Type.Unknown({ description: 'a vega-lite spec, or SVG text' }), ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const m = /^(.*?)(?:\.(svg|json))?$/.exec(request.params.name)!;
      const name = m[1]!;
      const svg = m[2] === 'svg';
      const row = service.get(id);
      if (row === undefined) throw new ApiError(404, 'not-found', `batch '${id}' does not exist`);
      const info = chartCatalog(batchMetrics(row)).find((c) => c.name === name);
      if (info === undefined) throw new ApiError(404, 'not-found', `no chart '${name}'; GET /v1/batches/${id}/charts lists them`);
      if (!info.available) throw new ApiError(404, 'not-available', `chart '${name}' is not available: ${info.reason ?? ''}`);
      if (row.kind !== 'score') throw new ApiError(409, 'not-available', `batch '${id}' is a ${row.kind}: charts are drawn for score batches`);
      if (row.nextIndex === 0) throw new ApiError(409, 'no-data', `batch '${id}' has no finished replications yet`);
      const key = `${id}:${name}:${row.nextIndex}`;
      if (svg) {
        const hit = cache.get(key);
        if (hit !== undefined) return reply.type('image/svg+xml; charset=utf-8').serializer((s: unknown) => s as string).send(hit);
      }
      // Drawn on the merge thread: reading a large batch's accumulator takes the better part of a second.
      const specJson = await service.chart(row, name);
      if (specJson === null) throw new ApiError(404, 'not-found', `no chart '${name}'`);
      if (!svg) return reply.type('application/json; charset=utf-8').serializer((s: unknown) => s as string).send(specJson);
      const text = await renderSvg(JSON.parse(specJson) as TopLevelSpec);
      cache.set(key, text);
      return reply.type('image/svg+xml; charset=utf-8').serializer((s: unknown) => s as string).send(text);
    },
  );
}

/** The metrics a batch scores, from its frozen documents: its hazards, the modules serving them, its plan's targets. */
function batchMetrics(row: BatchRow): string[] {
  const snapshot = row.snapshot as BatchSnapshot;
  const kinds = snapshot.scenario.hazards.map((h) => h.kind);
  const targets = (snapshot.plans[0]?.targets ?? []).map((t) => t.metric);
  return REGISTRY.metricsFor(kinds, targets).map((m) => m.name);
}
