/**
 * The drillsim HTTP server (docs/architecture.md section 8): fastify 5, TypeBox schemas for every body, query,
 * parameter and response, OpenAPI 3 at /docs (UI) and /docs/json, SQLite storage under the data
 * directory, batches on the batch engine, bearer tokens, body-size and rate limits, CORS only when asked.
 *
 * `createServer` builds everything and returns the fastify instance without listening, so tests can use
 * `inject`; `drillsim serve` (api/cli/commands/serve.ts) listens.
 */
import { availableParallelism } from 'node:os';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { DistributedRunner, PoolRunner } from '../../engine/batch/index.js';
import { packageRoot } from '../cli/paths.js';
import { authHook, isLoopbackHost, type AuthMode } from './auth.js';
import { BatchService, type BatchQuotas, type RunnerFactory } from './batches/service.js';
import { Catalog } from './catalog.js';
import { checkCharset, decodeUtf8Body } from './body.js';
import { DocumentReader } from './document-reader.js';
import { regionMaxBytes } from './region-upload.js';
import { ApiError, clientErrorHandler, errorHandler, RequestInputError } from './errors.js';
import { siteHook } from './site.js';
import { parseJsonText } from '../../engine/network/json-source.js';
import { InputError } from '../../engine/errors.js';
import { registerBatchRoutes } from './routes/batches.js';
import { registerChartRoutes } from './routes/charts.js';
import { registerDrillRoutes } from './routes/drills.js';
import { documentSchemas, registerDocumentRoutes, YAML_TYPES } from './routes/documents.js';
import { registerTokenRoutes } from './routes/tokens.js';
import { registerWebRoutes } from './routes/web.js';
import { MAX_API_WORKERS, SharedErrorSchema } from './schemas.js';
import { BatchStore } from './storage/batches.js';
import { openDatabase, type Db } from './storage/db.js';
import { DocumentStore } from './storage/documents.js';
import { DrillEvaluationStore } from './storage/drills.js';
import { TokenStore } from './storage/tokens.js';
import { typeboxValidatorCompiler } from './validation.js';

/** The longest path segment (an id) the router accepts; longer ones are 414. */
const MAX_PARAM_LENGTH = 200;

export const API_VERSION = '0.1.0';
/**
 * Request bodies beyond this are refused with 413. Documents have their own limits (catalog.ts:
 * SCENARIO_MAX_BYTES, REGION_MAX_BYTES) and large ones are parsed on the document thread; every other body
 * (a batch, a comparison, a token) is a few hundred bytes and is parsed on the event loop, so its bound is
 * what bounds that parse: 64 KiB of JSON takes ~10 ms, where the 1 MiB allowed before took ~200 ms.
 */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface ServerOptions {
  /** Where the SQLite database (and stored regions, written out for workers) live. */
  dataDir: string;
  /** The host the server will listen on: anything but loopback makes tokens mandatory. */
  host?: string;
  /** 'required': tokens even on loopback; 'auto' (default): required unless the host is loopback. */
  auth?: 'auto' | 'required';
  /** Where batches run (default: the piscina pool with the batch's worker count, or Redis with `redis`). */
  runnerFactory?: RunnerFactory;
  /** Run batches on `drillsim worker` processes through this Redis instead of local threads. */
  redis?: string;
  /** The BullMQ queue name (default: engine/batch's); `drillsim worker --queue` must match. */
  queue?: string;
  /** Workers per batch when the request does not say (default: the number of cores). */
  defaultWorkers?: number;
  /** Most workers a request may ask for (default 64). */
  maxWorkers?: number;
  bodyLimit?: number;
  /**
   * Largest region body in bytes (default DRILLSIM_REGION_MAX_BYTES, else 512 MiB); bodies from 1 MiB on are
   * streamed to a file and checked off the event loop (region-upload.ts).
   */
  regionMaxBytes?: number;
  /** Requests per client IP per time window (default 1200 a minute); false turns the limit off. */
  rateLimit?: { max: number; timeWindowMs: number } | false;
  /**
   * More host names than loopback's and `host` that requests may name in `Host` (a proxy's, a LAN name);
   * giving them turns the Host check on for a non-loopback bind too (site.ts).
   */
  allowedHosts?: readonly string[];
  /** Origins allowed to call the API from a browser (CORS); none by default. */
  cors?: readonly string[];
  /** Origins whose pages may change state without CORS (the site check only; `--allowed-origin`). */
  allowedOrigins?: readonly string[];
  logger?: FastifyServerOptions['logger'];
  /** Replications per chunk for a batch of n (tests use small chunks). */
  chunkSize?: (replications: number) => number;
  /** Per-token batch quotas and the fair queue's time slice (default batches/service.ts DEFAULT_QUOTAS). */
  quotas?: Partial<BatchQuotas>;
  /** Start (and resume) batches right away (default true). */
  startBatches?: boolean;
  /** The package root holding scenarios/ (default: this installation's). */
  packageRoot?: string;
}

export interface DrillsimServer {
  app: FastifyInstance;
  db: Db;
  tokens: TokenStore;
  documents: DocumentStore;
  batches: BatchService;
  catalog: Catalog;
  authMode: AuthMode;
}

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/**
 * Local batches always run on pool threads, even with one worker: the in-process runner would run
 * replications on the event loop that serves requests.
 */
export function defaultRunnerFactory(redis?: string, queue?: string): RunnerFactory {
  if (redis !== undefined) return () => new DistributedRunner({ redis, ...(queue !== undefined ? { queue } : {}) });
  return (o) => new PoolRunner({ workers: o.workers });
}

export function authModeFor(options: Pick<ServerOptions, 'host' | 'auth'>): AuthMode {
  if (options.auth === 'required') return 'required';
  return isLoopbackHost(options.host ?? '127.0.0.1') ? 'local-trust' : 'required';
}

export async function createServer(options: ServerOptions): Promise<DrillsimServer> {
  const authMode = authModeFor(options);
  const db = openDatabase(options.dataDir);
  const tokens = new TokenStore(db);
  if (authMode === 'required') {
    const n = tokens.activeCounts();
    if (n.admin + n.author === 0) {
      db.close();
      throw new StartupError(
        `tokens are required (${options.auth === 'required' ? '--auth required' : `host ${options.host ?? ''} is not loopback`}) but the data directory holds no admin or author token: ` +
          `create one first with \`drillsim token create --role admin --data ${options.dataDir}\``,
      );
    }
  }
  const documents = new DocumentStore(db);
  const catalog = new Catalog(documents, options.dataDir, options.packageRoot ?? packageRoot());
  const defaultWorkers = options.defaultWorkers ?? Math.max(1, availableParallelism());
  const maxWorkers = options.maxWorkers ?? MAX_API_WORKERS;

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Error messages are ours; fastify's own 4xx messages are safe to pass on. fastify's own 503 while
    // closing writes its body shape, not the API's: the 'closing' hook below answers instead.
    return503OnClosing: false,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH, ignoreTrailingSlash: true },
    // Errors fastify and Node raise before a route runs get the API's error shape too (errors.ts).
    frameworkErrors: errorHandler,
    clientErrorHandler,
  });
  const batches = new BatchService({
    store: new BatchStore(db),
    catalog,
    runnerFactory: options.runnerFactory ?? defaultRunnerFactory(options.redis, options.queue),
    ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
    ...(options.quotas !== undefined ? { quotas: options.quotas } : {}),
    log: { error: (obj, msg) => app.log.error(obj, msg), info: (obj, msg) => app.log.info(obj, msg) },
  });

  app.setValidatorCompiler(typeboxValidatorCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // A segment over the router's limit misses its API route and falls through to the page's wildcard: it is
    // still an over-long id (414, as the router says when no wildcard is registered), and is not echoed back.
    if (path.split('/').some((segment) => segment.length > MAX_PARAM_LENGTH)) {
      errorHandler(Object.assign(new Error('too long'), { statusCode: 414, code: 'FST_ERR_MAX_PARAM_LENGTH' }), request, reply);
      return;
    }
    void reply.code(404).send({ error: 'not-found', message: `no route ${request.method} ${path}`, details: [] });
  });

  // Bodies: JSON is read by the located JSON scanner (syntax errors with line and column, duplicate keys
  // refused); document routes get the text itself, for the document loader. YAML only for documents.
  app.removeAllContentTypeParsers();
  // Bodies arrive as bytes and are decoded strictly (body.ts): invalid UTF-8 is a located 400.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      checkCharset(request.headers['content-type']);
      text = decodeUtf8Body(body as Buffer);
    } catch (err) {
      return done(err as Error, undefined);
    }
    if (request.routeOptions.config?.documentBody === true) return done(null, text);
    // Some clients label an empty DELETE with a JSON content type; there is nothing to parse.
    if (text.trim() === '' && (request.method === 'DELETE' || request.method === 'GET')) return done(null, undefined);
    try {
      const parsed = parseJsonText(text, 'request body');
      const dup = parsed.locator().duplicateKeys[0];
      if (dup !== undefined) {
        return done(new RequestInputError('body', [{ path: dup.pointer, message: 'this key appears twice in its object', line: dup.position.line, column: dup.position.column }]), undefined);
      }
      done(null, parsed.value);
    } catch (err) {
      done(err instanceof InputError ? new RequestInputError('body', err.issues) : (err as Error), undefined);
    }
  });
  app.addContentTypeParser(YAML_TYPES, { parseAs: 'buffer' }, (request, body, done) => {
    if (request.routeOptions.config?.documentBody === true) {
      try {
        checkCharset(request.headers['content-type']);
        return done(null, decodeUtf8Body(body as Buffer));
      } catch (err) {
        return done(err as Error, undefined);
      }
    }
    done(
      new ApiError(415, 'unsupported-media-type', 'this endpoint takes application/json', [{ path: '/headers/content-type', message: 'send application/json' }]),
      undefined,
    );
  });
  // Drill logs may be CSV (POST /v1/drills/:id/evaluations); elsewhere text/csv is not a body we read.
  // text/csv is not a CORS-safelisted type, so a page cannot send it without a preflight the server refuses.
  app.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (request, body, done) => {
    if (request.routeOptions.config?.drillLog !== true) {
      return done(new ApiError(415, 'unsupported-media-type', 'this endpoint takes application/json', [{ path: '/headers/content-type', message: 'send application/json' }]), undefined);
    }
    try {
      checkCharset(request.headers['content-type']);
      done(null, decodeUtf8Body(body as Buffer));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  // A web page may send text/plain to any site without the browser asking first (a "simple" request), so
  // text/plain is never read as a document: the client must declare what it sends (site.ts). Refused
  // before the body is read.
  app.addContentTypeParser('text/plain', (_request, _payload, done) => {
    done(
      new ApiError(415, 'unsupported-media-type', 'text/plain bodies are refused: declare the document as application/yaml or application/json', [
        { path: '/headers/content-type', message: 'send application/yaml or application/json' },
      ]),
      undefined,
    );
  });

  // While the server closes (a request pipelined on a busy keep-alive connection still arrives), answer 503
  // in the API's shape and close the connection, before any hook touches the database being closed.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    void reply.header('connection', 'close').header('retry-after', '5');
    throw new ApiError(503, 'unavailable', 'the server is shutting down; retry in a few seconds', []);
  });

  // First of all other hooks: a request from another site or for another host name is refused before it counts
  // against the rate limit, touches a token or reaches a route.
  app.addHook('onRequest', siteHook({ ...(options.host !== undefined ? { host: options.host } : {}), ...(options.allowedHosts !== undefined ? { allowedHosts: options.allowedHosts } : {}), ...(options.cors !== undefined ? { cors: options.cors } : {}), ...(options.allowedOrigins !== undefined ? { allowedOrigins: options.allowedOrigins } : {}) }));

  if (options.rateLimit !== false) {
    const limit = options.rateLimit ?? { max: 1200, timeWindowMs: 60_000 };
    await app.register(rateLimit, {
      global: true,
      max: limit.max,
      timeWindow: limit.timeWindowMs,
      errorResponseBuilder: (_request, context) =>
        new ApiError(429, 'rate-limited', `too many requests: at most ${context.max} per ${context.after}; retry in ${context.after}`),
    });
  }

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'drillsim API',
        version: API_VERSION,
        description:
          'Scenarios, plans and regions (built-in ones are read-only), batches of replications with live progress (server-sent events), results and charts. ' +
          'Errors are { error, message, details: [{ path, message }] } with a 4xx status. Documents may be sent as application/json or application/yaml.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a token from `drillsim token create`' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.addSchema(SharedErrorSchema);
  for (const schema of documentSchemas()) app.addSchema(schema);

  const cors = new Set(options.cors ?? []);
  if (cors.size > 0) {
    app.addHook('onRequest', async (request, reply) => {
      const origin = request.headers.origin;
      if (origin === undefined || !(cors.has(origin) || cors.has('*'))) return;
      void reply.header('access-control-allow-origin', cors.has('*') ? '*' : origin).header('vary', 'Origin');
      if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
        void reply
          .code(204)
          .header('access-control-allow-methods', 'GET, POST, PUT, DELETE')
          .header('access-control-allow-headers', 'authorization, content-type')
          .header('access-control-max-age', '600')
          .send();
      }
    });
    app.options('/*', { schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
  }

  app.addHook('onRequest', authHook(tokens, authMode));

  app.get(
    '/v1/health',
    {
      schema: {
        tags: ['server'],
        summary: 'Liveness (no token needed)',
        security: [],
        response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), auth: Type.String() }) },
      },
    },
    async () => ({ status: 'ok' as const, version: API_VERSION, auth: authMode === 'required' ? 'required' : 'optional on loopback' }),
  );
  const regionLimit = regionMaxBytes(options.regionMaxBytes);
  const reader = new DocumentReader(catalog, (err) => app.log.error({ err }, 'document thread'), regionLimit);
  for (const kind of ['scenario', 'plan', 'region'] as const) registerDocumentRoutes(app, catalog, documents, kind, reader, { regionMaxBytes: regionLimit });
  registerBatchRoutes(app, batches, { defaultWorkers, maxWorkers });
  registerChartRoutes(app, batches);
  registerDrillRoutes(app, batches, new DrillEvaluationStore(db), { defaultWorkers, maxWorkers });
  registerTokenRoutes(app, tokens);
  // The web page at / (web/, docs/web.md), its schemas and the replay trace.
  registerWebRoutes(app, batches, { packageRoot: options.packageRoot ?? packageRoot() });

  app.addHook('onClose', async () => {
    await batches.close();
    await reader.close();
    db.close();
  });
  await app.ready();
  if (options.startBatches !== false) batches.start();
  return { app, db, tokens, documents, batches, catalog, authMode };
}
