/**
 * Scenarios, plans and regions: list, get (any version), create, replace (keeps the previous version),
 * delete, and validate. Bodies are documents in YAML or JSON (`Content-Type: application/yaml` or
 * `application/json`), read by the document loader with its limits; nothing is stored unless the
 * document passes every check the server can make on it.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/swagger';
import { InputError } from '../../../engine/errors.js';
import { PlanSchema } from '../../../models/schema/plan.js';
import { ScenarioSchema } from '../../../models/schema/scenario.js';
import { parseYamlDocument } from '../../../models/schema/document.js';
import { Catalog, REGION_MAX_BYTES, RegionBundleSchema, SCENARIO_MAX_BYTES, type CatalogItem } from '../catalog.js';
import type { DocumentReader } from '../document-reader.js';
import { regionPreParsing, regionUploadOf, removeRegionUpload } from '../region-upload.js';
import { dirname } from 'node:path';
import { ApiError, RequestInputError, toDetails } from '../errors.js';
import type { BodyFormat, DocumentKind, DocumentStore } from '../storage/documents.js';
import {
  errorResponses,
  GetItemQuery,
  IdParams,
  isFlagSet,
  ItemListSchema,
  ItemSchema,
  SavedSchema,
  ValidateQuery,
  ValidationSchema,
  VersionsSchema,
  type GetItemQueryT,
} from '../schemas.js';
import { documentBodyValidatorCompiler } from '../validation.js';

const PLURAL: Record<DocumentKind, string> = { scenario: 'scenarios', plan: 'plans', region: 'regions' };
const DOC_SCHEMA = { scenario: ScenarioSchema, plan: PlanSchema, region: RegionBundleSchema };

// Not text/plain: a browser sends that cross-site without asking, so it is refused (server.ts, site.ts).
export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

function bodyText(request: FastifyRequest): { text: string; format: BodyFormat } {
  const body = request.body;
  if (typeof body !== 'string') {
    throw new ApiError(415, 'unsupported-media-type', 'send the document as application/json or application/yaml text', [{ path: '', message: 'no document in the body' }]);
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return { text: body, format: type === 'application/json' ? 'json' : 'yaml' };
}

function itemUrl(kind: DocumentKind, id: string): string {
  return `/v1/${PLURAL[kind]}/${encodeURIComponent(id)}`;
}

/** The document schemas, shared by the routes that take them (one copy each in the OpenAPI document). */
export function documentSchemas(): Array<Record<string, unknown>> {
  return (Object.keys(DOC_SCHEMA) as DocumentKind[]).map((k) => ({ ...DOC_SCHEMA[k], $id: DOC_SCHEMA_ID[k] }));
}

const DOC_SCHEMA_ID: Record<DocumentKind, string> = { scenario: 'drillsim-scenario', plan: 'drillsim-plan', region: 'drillsim-region-bundle' };

function docBodySchema(kind: DocumentKind) {
  return {
    content: {
      'application/json': { schema: { $ref: `${DOC_SCHEMA_ID[kind]}#` } },
      'application/yaml': { schema: Type.String({ description: `a ${kind} document in YAML` }) },
    },
  };
}

export function registerDocumentRoutes(app: FastifyInstance, catalog: Catalog, store: DocumentStore, kind: DocumentKind, reader: DocumentReader, opts: { regionMaxBytes?: number } = {}): void {
  const base = `/v1/${PLURAL[kind]}`;
  const tags = [PLURAL[kind]];
  const bodyLimit = kind === 'region' ? (opts.regionMaxBytes ?? REGION_MAX_BYTES) : SCENARIO_MAX_BYTES;
  // Region bodies from 1 MiB on are streamed to a file and checked and stored from there (region-upload.ts).
  const streamed = kind === 'region' ? { preParsing: regionPreParsing(() => catalog.scratchDir(), bodyLimit), onResponse: removeRegionUpload } : {};

  /** A region streamed to a file: checked, its id checked, and stored on the document thread. */
  const saveStreamed = async (request: FastifyRequest, reply: FastifyReply, urlId: string | null, file: string): Promise<unknown> => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const format: BodyFormat = type === 'application/json' ? 'json' : 'yaml';
    const checked = await reader.checkFile(kind, file);
    const id = checked.id;
    const idPath = kind === 'region' ? '/manifest/id' : '/id';
    if (urlId !== null && id !== urlId) throw new InputError([{ path: idPath, message: `the document's id '${id}' differs from the URL's '${urlId}'` }]);
    refuseTaken(id, urlId);
    const { version, replaced } = await reader.storeFile(kind, file, dirname(catalog.scratchDir()), id, format, checked.title);
    store.noteChange();
    const url = itemUrl(kind, id);
    void reply.code(replaced ? 200 : 201);
    if (!replaced) void reply.header('location', url);
    return { kind, id, version: version.version, builtin: false, title: version.title, createdAt: version.createdAt, url, warnings: toDetails((checked.regionWarnings ?? []).map((w) => ({ ...w, severity: 'error' as const }))) };
  };

  const refuseTaken = (id: string, urlId: string | null): void => {
    if (catalog.isBuiltin(kind, id)) {
      throw new ApiError(409, 'read-only', `${kind} '${id}' is built in and read-only; store your variant under another id`, [
        { path: kind === 'region' ? '/manifest/id' : '/id', message: 'a built-in id' },
      ]);
    }
    if (urlId === null && store.latest(kind, id) !== undefined) {
      throw new ApiError(409, 'exists', `${kind} '${id}' exists: PUT ${itemUrl(kind, id)} replaces it (the old version is kept)`, [{ path: '/id', message: 'already stored' }]);
    }
  };

  app.get(
    base,
    {
      config: { role: 'viewer' },
      schema: { tags, summary: `List ${PLURAL[kind]} (built-in ones first)`, response: { 200: ItemListSchema, ...errorResponses() } },
    },
    async () => ({ items: catalog.list(kind).map((i) => ({ ...i, url: itemUrl(kind, i.id) })) }),
  );

  app.get<{ Params: { id: string }; Querystring: GetItemQueryT }>(
    `${base}/:id`,
    {
      config: { role: 'viewer' },
      schema: {
        tags,
        summary: `Get a ${kind} (newest version; ?version=N for an older one, ?versions to list them, ?format=source for the text as sent)`,
        params: IdParams,
        querystring: GetItemQuery,
        response: { 200: Type.Union([ItemSchema, VersionsSchema]), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const q = request.query;
      if (isFlagSet(q.versions)) return { kind, id, versions: catalog.versions(kind, id) };
      const item = catalog.get(kind, id, q.version);
      void reply.header('etag', `"${kind}-${item.id}-${item.version}${item.builtin ? '-builtin' : ''}"`);
      if (q.format === 'source') {
        return reply.type(item.format === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8').serializer((s: unknown) => s as string).send(item.body);
      }
      return { kind, id: item.id, version: item.version, builtin: item.builtin, title: item.title, createdAt: item.createdAt, format: item.format, document: parseStored(item) };
    },
  );

  const save = async (request: FastifyRequest, reply: FastifyReply, urlId: string | null): Promise<unknown> => {
    const upload = regionUploadOf(request);
    if (upload !== undefined) return saveStreamed(request, reply, urlId, upload.file);
    const { text, format } = bodyText(request);
    const { parsed, regionWarnings } = await reader.read(kind, text);
    const id = Catalog.idOf(kind, parsed.value);
    if (urlId !== null && id !== urlId) {
      throw new InputError([parsed.doc.issue(kind === 'region' ? '/manifest/id' : '/id', `the document's id '${id}' differs from the URL's '${urlId}'`)]);
    }
    refuseTaken(id, urlId);
    const { warnings } = catalog.check(kind, parsed, undefined, regionWarnings);
    const { version, replaced } = store.put(kind, id, format, text, Catalog.titleOf(parsed.value));
    const url = itemUrl(kind, id);
    void reply.code(replaced ? 200 : 201);
    if (!replaced) void reply.header('location', url);
    return { kind, id, version: version.version, builtin: false, title: version.title, createdAt: version.createdAt, url, warnings: toDetails(warnings.map((w) => ({ ...w, severity: 'error' as const }))) };
  };

  app.post(
    base,
    {
      bodyLimit,
      ...streamed,
      config: { role: 'author', documentBody: true },
      validatorCompiler: documentBodyValidatorCompiler,
      schema: {
        tags,
        summary: `Store a new ${kind} (409 if the id exists)`,
        body: docBodySchema(kind),
        response: { 201: SavedSchema, ...errorResponses(409, 413, 415, 422) },
      },
    },
    (request, reply) => save(request, reply, null),
  );

  app.put<{ Params: { id: string } }>(
    `${base}/:id`,
    {
      bodyLimit,
      ...streamed,
      config: { role: 'author', documentBody: true },
      validatorCompiler: documentBodyValidatorCompiler,
      schema: {
        tags,
        summary: `Replace a ${kind} (a new version; the previous one is kept) or create it`,
        params: IdParams,
        body: docBodySchema(kind),
        response: { 200: SavedSchema, 201: SavedSchema, ...errorResponses(409, 413, 415, 422) },
      },
    },
    (request, reply) => save(request, reply, request.params.id),
  );

  app.delete<{ Params: { id: string } }>(
    `${base}/:id`,
    {
      config: { role: 'author' },
      schema: { tags, summary: `Delete a ${kind} (its versions stay readable by batches that used them)`, params: IdParams, response: { 204: Type.Null(), ...errorResponses(404, 409) } },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (catalog.isBuiltin(kind, id)) throw new ApiError(409, 'read-only', `${kind} '${id}' is built in and read-only`);
      if (!store.delete(kind, id)) throw new ApiError(404, 'not-found', `${kind} '${id}' does not exist`);
      return reply.code(204).send();
    },
  );

  app.post<{ Querystring: { scenario?: string } }>(
    `${base}/validate`,
    {
      bodyLimit,
      ...streamed,
      config: { role: 'viewer', documentBody: true },
      validatorCompiler: documentBodyValidatorCompiler,
      schema: {
        tags,
        summary: `Check a ${kind} without storing it: located errors${kind === 'plan' ? ' (?scenario=<id> also checks it against that scenario)' : ''}`,
        ...(kind === 'plan' ? { querystring: ValidateQuery } : {}),
        body: docBodySchema(kind),
        response: { 200: ValidationSchema, ...errorResponses(404, 413, 415) },
      },
    },
    async (request) => {
      const upload = regionUploadOf(request);
      let id: string | null = null;
      try {
        if (upload !== undefined) {
          const checked = await reader.checkFile(kind, upload.file);
          const warnings = checked.regionWarnings ?? [];
          return { valid: true, kind, id: checked.id, checked: ['schema', 'references'], errors: [], warnings: toDetails(warnings.map((w) => ({ ...w, severity: 'error' as const }))) };
        }
        const { text } = bodyText(request);
        const { parsed, regionWarnings } = await reader.read(kind, text);
        id = Catalog.idOf(kind, parsed.value);
        const { checked, warnings } = catalog.check(kind, parsed, kind === 'plan' ? request.query.scenario : undefined, regionWarnings);
        return { valid: true, kind, id, checked, errors: [], warnings: toDetails(warnings.map((w) => ({ ...w, severity: 'error' as const }))) };
      } catch (err) {
        // A body that is no UTF-8 text is a bad request (400), as when it is read in memory.
        if (!(err instanceof InputError) || err instanceof RequestInputError) throw err;
        return {
          valid: false,
          kind,
          id,
          checked: [],
          errors: toDetails(err.issues),
          warnings: toDetails(err.issues.filter((i) => i.severity === 'warning').map((w) => ({ ...w, severity: 'error' as const }))),
        };
      }
    },
  );
}

/** A stored body as JSON (it passed the loader when it was stored). */
function parseStored(item: CatalogItem): unknown {
  if (item.format === 'json') return JSON.parse(item.body);
  return parseYamlDocument({ text: item.body, file: `${item.kind} ${item.id}` }, { maxBytes: item.kind === 'region' ? REGION_MAX_BYTES : SCENARIO_MAX_BYTES }).value;
}
