/**
 * Drills (issue 15, docs/drills.md): POST /v1/drills runs a batch of kind `drill` on a stored scenario and
 * plan (202 + Location, as /v1/batches; progress on /v1/batches/:id/events) whose result is the drill
 * script; GET /v1/drills/:id/script?format=json|csv|md|zh lays it out; GET /v1/drills/:id/alerts/:clause is a
 * warning clause as a CAP 1.2 alert. POST /v1/drills/:id/evaluations evaluates a drill log (text/csv with the
 * header action,at,by,notes, or application/json) against the script: 201 with the evaluation, a bad log
 * 422 with located details (line, column) and nothing stored; GET .../evaluations/:eid/report is the
 * after-action report (self-contained HTML). Roles, limits and errors as everywhere in the API.
 */
import { randomUUID } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/swagger';
import { capAlerts, warningActions, capAlert } from '../../../models/drill/cap.js';
import { evaluateLog } from '../../../models/drill/evaluate.js';
import { renderScript, SCRIPT_FORMATS, type ScriptFormat } from '../../../models/drill/formats.js';
import { parseLog } from '../../../models/drill/log.js';
import { afterActionReport } from '../../../models/drill/report.js';
import type { DrillScript } from '../../../models/schema/drill.js';
import { LOCAL_OWNER, type BatchService } from '../batches/service.js';
import type { BatchSpec } from '../batches/jobs.js';
import { renderSvg, SvgCache } from '../charts/render.js';
import { ApiError } from '../errors.js';
import { BatchSchema, BatchParams, DocId, errorResponses, MAX_API_WORKERS, SeedSchema } from '../schemas.js';
import type { BatchRow } from '../storage/batches.js';
import type { DrillEvaluationStore, EvaluationRow } from '../storage/drills.js';
import { documentBodyValidatorCompiler } from '../validation.js';
import { batchView, DEFAULT_API_REPLICATIONS } from './batches.js';

const closed = { additionalProperties: false } as const;

/**
 * A drill batch keeps every replication's clause times (the script ranks logged times among them) and the
 * server saves them after every chunk, so its size grows with n: 10,000 replications are a few megabytes,
 * far more than windows need (their P10 and P90 are stable to a few percent from a few hundred).
 */
export const MAX_DRILL_REPLICATIONS = 10_000;

export const CreateDrillBody = Type.Object(
  {
    scenario: DocId,
    plan: Type.Optional(DocId),
    replications: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_DRILL_REPLICATIONS, description: 'default 100; at most 10,000 (a script keeps every simulated start and completion time)' }),
    ),
    seed: SeedSchema,
    compress: Type.Optional(Type.Number({ minimum: 1, maximum: 100_000, description: 'scenario minutes per drill minute (a six-day flood in four hours: 36); default 1' })),
    workers: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_API_WORKERS })),
  },
  closed,
);
type CreateDrillBodyT = Static<typeof CreateDrillBody>;

const DrillLinks = Type.Object({ self: Type.String(), events: Type.String(), script: Type.String(), evaluations: Type.String(), batch: Type.String() });
export const DrillSchema = Type.Object({ ...BatchSchema.properties, links: DrillLinks });
const ScriptQuery = Type.Object({ format: Type.Optional(Type.Union(SCRIPT_FORMATS.map((f) => Type.Literal(f)))) }, closed);
const AlertParams = Type.Object({ id: BatchParams.properties.id, clause: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,80}$' }) }, closed);
const EvaluationParams = Type.Object({ id: BatchParams.properties.id, eid: BatchParams.properties.id }, closed);
const EvaluateQuery = Type.Object(
  {
    date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'the day of the drill' })),
    start: Type.Optional(Type.String({ maxLength: 40, description: 'wall time of drill minute 0 (ISO-8601 with offset), for logs in clock times' })),
  },
  closed,
);
const EvaluationSchema = Type.Object({
  id: Type.String(),
  drill: Type.String(),
  createdAt: Type.String(),
  evaluation: Type.Unknown({ description: 'as `drillsim drill evaluate --json` prints it' }),
  links: Type.Object({ self: Type.String(), report: Type.String() }),
});

const FORMAT_TYPES: Record<ScriptFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  zh: 'text/markdown; charset=utf-8',
};

function drillLinks(id: string) {
  const self = `/v1/drills/${id}`;
  return { self, events: `/v1/batches/${id}/events`, script: `${self}/script`, evaluations: `${self}/evaluations`, batch: `/v1/batches/${id}` };
}

function drillView(row: BatchRow): Record<string, unknown> {
  return { ...batchView(row, false), links: drillLinks(row.id) };
}

function evaluationView(row: EvaluationRow): Static<typeof EvaluationSchema> {
  const self = `/v1/drills/${row.drill}/evaluations/${row.id}`;
  return { id: row.id, drill: row.drill, createdAt: row.createdAt, evaluation: row.evaluation, links: { self, report: `${self}/report` } };
}

export interface DrillRouteOptions {
  defaultWorkers: number;
  maxWorkers: number;
}

export function registerDrillRoutes(app: FastifyInstance, service: BatchService, store: DrillEvaluationStore, options: DrillRouteOptions): void {
  const tags = ['drills'];
  const reports = new SvgCache(32);

  const drillOf = (id: string): BatchRow => {
    const row = service.get(id);
    if (row === undefined || row.kind !== 'drill') throw new ApiError(404, 'not-found', `drill '${id}' does not exist`);
    return row;
  };
  const scriptOf = (row: BatchRow): DrillScript => {
    if (row.status !== 'done' || row.result === null) {
      throw new ApiError(409, 'not-finished', `drill '${row.id}' is ${row.status}: its script comes when the batch is done (follow /v1/batches/${row.id}/events)`);
    }
    return row.result as DrillScript;
  };

  app.post<{ Body: CreateDrillBodyT }>(
    '/v1/drills',
    {
      config: { role: 'author' },
      schema: {
        tags,
        summary: 'A drill script from a stored scenario and plan, run as a batch (202; follow Location or the events stream)',
        body: CreateDrillBody,
        response: { 202: DrillSchema, ...errorResponses(404, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const workers = b.workers ?? options.defaultWorkers;
      if (workers > options.maxWorkers) {
        throw new ApiError(422, 'invalid-request', `this server runs at most ${options.maxWorkers} workers per batch`, [{ path: '/workers', message: `at most ${options.maxWorkers}` }]);
      }
      const spec: BatchSpec = {
        scenario: b.scenario,
        plans: b.plan !== undefined ? [b.plan] : [],
        replications: b.replications ?? DEFAULT_API_REPLICATIONS,
        precision: null,
        seed: b.seed,
        workers,
        ...(b.compress !== undefined ? { compress: b.compress } : {}),
        owner: request.token?.id ?? LOCAL_OWNER,
      };
      const view = drillView(service.create('drill', spec, ['/plan']));
      return reply.code(202).header('location', `/v1/drills/${String(view['id'])}`).send(view);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/drills/:id',
    {
      config: { role: 'viewer' },
      schema: { tags, summary: 'Status and progress of a drill batch, with links to its script and evaluations', params: BatchParams, response: { 200: DrillSchema, ...errorResponses(404) } },
    },
    async (request) => drillView(drillOf(request.params.id)),
  );

  app.get<{ Params: { id: string }; Querystring: { format?: ScriptFormat } }>(
    '/v1/drills/:id/script',
    {
      config: { role: 'viewer' },
      schema: {
        tags,
        summary: 'The drill script: json (the source of truth), csv (MSEL columns), md, zh (演练脚本); 409 until the batch is done',
        params: BatchParams,
        querystring: ScriptQuery,
        produces: ['application/json', 'text/csv', 'text/markdown'],
        response: { 200: Type.Unknown({ description: 'the script in the format asked for' }), ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const row = drillOf(request.params.id);
      const format = request.query.format ?? 'json';
      const text = renderScript(scriptOf(row), format);
      return reply
        .type(FORMAT_TYPES[format])
        .header('content-disposition', `inline; filename="drill-${row.id}.${format === 'zh' ? 'zh.md' : format}"`)
        .serializer((s: unknown) => s as string)
        .send(text);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/drills/:id/alerts',
    {
      config: { role: 'viewer' },
      schema: { tags, summary: 'The warning clauses of the script, each a CAP 1.2 alert', params: BatchParams, response: { 200: Type.Object({ items: Type.Array(Type.Object({ clause: Type.String(), url: Type.String() })) }), ...errorResponses(404, 409) } },
    },
    async (request) => {
      const row = drillOf(request.params.id);
      return { items: warningActions(scriptOf(row)).map((a) => ({ clause: a.clause, url: `/v1/drills/${row.id}/alerts/${a.clause}` })) };
    },
  );

  app.get<{ Params: { id: string; clause: string } }>(
    '/v1/drills/:id/alerts/:clause',
    {
      config: { role: 'viewer' },
      schema: { tags, summary: 'A warning clause as a CAP 1.2 alert (status Exercise)', params: AlertParams, produces: ['application/cap+xml'], response: { 200: Type.String(), ...errorResponses(404, 409) } },
    },
    async (request, reply) => {
      const script = scriptOf(drillOf(request.params.id));
      const action = warningActions(script).find((a) => a.clause === request.params.clause);
      if (action === undefined) {
        throw new ApiError(404, 'not-found', `clause '${request.params.clause}' is no warning of this script; the warnings are: ${capAlerts(script).map((a) => a.name.replace('.cap.xml', '')).join(', ') || 'none'}`);
      }
      return reply.type('application/cap+xml; charset=utf-8').serializer((s: unknown) => s as string).send(capAlert(script, action));
    },
  );

  app.post<{ Params: { id: string }; Querystring: Static<typeof EvaluateQuery>; Body: string }>(
    '/v1/drills/:id/evaluations',
    {
      config: { role: 'author', documentBody: true, drillLog: true },
      validatorCompiler: documentBodyValidatorCompiler,
      schema: {
        tags,
        summary: 'Evaluate a drill log against the script (text/csv with the header action,at,by,notes, or application/json): 201; a bad log is a 422 with located details',
        params: BatchParams,
        querystring: EvaluateQuery,
        consumes: ['text/csv', 'application/json'],
        body: Type.String({ description: 'the drill log' }),
        response: { 201: EvaluationSchema, ...errorResponses(404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const row = drillOf(request.params.id);
      const script = scriptOf(row);
      const text = request.body;
      const json = /json/.test(String(request.headers['content-type'] ?? ''));
      const log = parseLog(text, 'request body', script, request.query.start !== undefined ? { start: request.query.start } : {});
      const evaluation = evaluateLog(script, log, { log: `POST /v1/drills/${row.id}/evaluations`, ...(request.query.date !== undefined ? { date: request.query.date } : {}) });
      const saved = store.insert({ id: randomUUID(), drill: row.id, owner: request.token?.id ?? LOCAL_OWNER, logFormat: json ? 'json' : 'csv', log: text, evaluation });
      const view = evaluationView(saved);
      return reply.code(201).header('location', view.links.self).send(view);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/drills/:id/evaluations',
    {
      config: { role: 'viewer' },
      schema: { tags, summary: "The drill's evaluations, oldest first", params: BatchParams, response: { 200: Type.Object({ items: Type.Array(EvaluationSchema) }), ...errorResponses(404) } },
    },
    async (request) => {
      const row = drillOf(request.params.id);
      return { items: store.list(row.id).map(evaluationView) };
    },
  );

  const evaluationOf = (id: string, eid: string): EvaluationRow => {
    drillOf(id);
    const e = store.get(id, eid);
    if (e === undefined) throw new ApiError(404, 'not-found', `evaluation '${eid}' of drill '${id}' does not exist`);
    return e;
  };

  app.get<{ Params: { id: string; eid: string } }>(
    '/v1/drills/:id/evaluations/:eid',
    {
      config: { role: 'viewer' },
      schema: { tags, summary: 'One evaluation', params: EvaluationParams, response: { 200: EvaluationSchema, ...errorResponses(404) } },
    },
    async (request) => evaluationView(evaluationOf(request.params.id, request.params.eid)),
  );

  app.get<{ Params: { id: string; eid: string } }>(
    '/v1/drills/:id/evaluations/:eid/report',
    {
      config: { role: 'viewer' },
      schema: { tags, summary: 'The after-action report: one self-contained, printable HTML file', params: EvaluationParams, produces: ['text/html'], response: { 200: Type.String(), ...errorResponses(404) } },
    },
    async (request, reply) => {
      const e = evaluationOf(request.params.id, request.params.eid);
      let html = reports.get(e.id);
      if (html === undefined) {
        html = await afterActionReport(scriptOf(drillOf(e.drill)), e.evaluation, renderSvg);
        reports.set(e.id, html);
      }
      return reply.type('text/html; charset=utf-8').serializer((s: unknown) => s as string).send(html);
    },
  );
}
