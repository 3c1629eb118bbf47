/**
 * TypeBox schemas of the API's own bodies, queries, parameters and responses. Documents (scenarios, plans,
 * regions) use their schemas from models/schema; these wrap them. Every request object is closed
 * (`additionalProperties: false`): an unknown field is a 400, never silently dropped.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { METRIC_NAMES } from '../../models/schema/plan.js';
import { MAX_REPLICATIONS } from '../../models/schema/limits.js';
import { ID_MAX, ID_PATTERN } from './catalog.js';
import { ROLES } from './storage/tokens.js';
import { BATCH_STATUSES } from './storage/batches.js';

const closed = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const DocId = Type.String({ pattern: ID_PATTERN, maxLength: ID_MAX, description: 'lower-case letters, digits, . _ - (no paths)' });

export const ErrorDetailSchema = Type.Object(
  {
    path: Type.String({ description: 'JSON pointer into the request part or the document' }),
    message: Type.String(),
    line: Type.Optional(Type.Integer()),
    column: Type.Optional(Type.Integer()),
  },
);

export const ErrorSchema = Type.Object(
  {
    error: Type.String({ description: 'machine-readable code, e.g. invalid-request, invalid-document, not-found' }),
    message: Type.String(),
    details: Type.Array(ErrorDetailSchema),
  },
  { description: 'every 4xx (and the rare 500) has this shape' },
);

/** The error schema, registered once (app.addSchema) and referenced by every route. */
export const ERROR_SCHEMA_ID = 'drillsim-error';
export const SharedErrorSchema = Type.Object(ErrorSchema.properties, { $id: ERROR_SCHEMA_ID, description: 'every 4xx (and the rare 500) has this shape' });

/** Error responses every route may give. */
export function errorResponses(...codes: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {};
  for (const c of [400, 401, 403, 429, ...codes]) out[c] = Type.Ref(ERROR_SCHEMA_ID, { description: 'an error: { error, message, details }' });
  return out;
}

export const IdParams = Type.Object({ id: DocId }, closed);

export const ItemSummarySchema = Type.Object({
  kind: Type.String(),
  id: Type.String(),
  version: Type.Integer(),
  builtin: Type.Boolean({ description: 'shipped with drillsim: listed and read-only' }),
  title: Nullable(Type.String()),
  createdAt: Nullable(Type.String()),
  url: Type.String(),
});

export const ItemListSchema = Type.Object({ items: Type.Array(ItemSummarySchema) });

export const ItemSchema = Type.Object({
  kind: Type.String(),
  id: Type.String(),
  version: Type.Integer(),
  builtin: Type.Boolean(),
  title: Nullable(Type.String()),
  createdAt: Nullable(Type.String()),
  format: Type.Union([Type.Literal('yaml'), Type.Literal('json')], { description: 'the format the document was sent in' }),
  document: Type.Unknown({ description: 'the document as JSON' }),
});

export const VersionsSchema = Type.Object({
  kind: Type.String(),
  id: Type.String(),
  versions: Type.Array(Type.Object({ version: Type.Integer(), title: Nullable(Type.String()), createdAt: Type.String() })),
});

const Flag = Type.Union([Type.Literal(''), Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')]);
export const isFlagSet = (v: string | undefined): boolean => v !== undefined && v !== 'false' && v !== '0';

export const GetItemQuery = Type.Object(
  {
    versions: Type.Optional(Flag),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('source')], { description: 'source: the text as it was sent (YAML or JSON)' })),
  },
  closed,
);
export type GetItemQueryT = Static<typeof GetItemQuery>;

export const ValidateQuery = Type.Object(
  { scenario: Type.Optional(Type.String({ ...DocId, description: 'plans: also check the plan against this scenario' })) },
  closed,
);

export const SavedSchema = Type.Object({
  kind: Type.String(),
  id: Type.String(),
  version: Type.Integer(),
  builtin: Type.Boolean(),
  title: Nullable(Type.String()),
  createdAt: Type.String(),
  url: Type.String(),
  warnings: Type.Array(ErrorDetailSchema),
});

export const ValidationSchema = Type.Object({
  valid: Type.Boolean(),
  kind: Type.String(),
  id: Nullable(Type.String()),
  checked: Type.Array(Type.String(), { description: 'which checks ran: schema, references, extends' }),
  errors: Type.Array(ErrorDetailSchema),
  warnings: Type.Array(ErrorDetailSchema),
});

// --- batches

/** The one replication ceiling (models/schema/limits.ts), shared with the CLI. */
export const MAX_API_REPLICATIONS = MAX_REPLICATIONS;
export const MAX_API_WORKERS = 64;

export const SeedSchema = Type.Union([Type.Integer({ minimum: 0, maximum: 2 ** 53 }), Type.String({ minLength: 1, maxLength: 200 })], {
  description: 'master seed: a whole number, or a string (a JSON string is a string seed, even "42")',
});

const precisionProps: Record<string, TSchema> = {};
for (const m of METRIC_NAMES) precisionProps[m] = Type.Optional(Type.Number({ exclusiveMinimum: 0 }));
export const PrecisionSchema = Type.Object(precisionProps, {
  additionalProperties: false,
  minProperties: 1,
  description: "stop once every listed metric's 95 % CI half-width is at most this (replications is then the maximum)",
});

export const CreateBatchBody = Type.Object(
  {
    scenario: DocId,
    plan: Type.Optional(DocId),
    replications: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_API_REPLICATIONS, description: 'default 100; with precision: the maximum' })),
    precision: Type.Optional(PrecisionSchema),
    seed: SeedSchema,
    workers: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_API_WORKERS, description: "worker threads (default: the server's)" })),
  },
  closed,
);
export type CreateBatchBodyT = Static<typeof CreateBatchBody>;

export const CompareBody = Type.Object(
  {
    scenario: DocId,
    planA: DocId,
    planB: DocId,
    replications: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_API_REPLICATIONS })),
    seed: SeedSchema,
    workers: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_API_WORKERS })),
  },
  closed,
);
export type CompareBodyT = Static<typeof CompareBody>;

export const BatchParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }) }, closed);
// Chart names carry metric names, which are camelCase (metric-cutOffPeak): upper case is allowed.
export const ChartParams = Type.Object(
  { id: BatchParams.properties.id, name: Type.String({ pattern: '^[a-zA-Z0-9-]+(\\.(svg|json))?$', maxLength: 80 }) },
  closed,
);

const DocRefSchema = Type.Object({ id: Type.String(), version: Type.Integer(), builtin: Type.Boolean() });

export const BatchSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('score'), Type.Literal('compare'), Type.Literal('drill')]),
  status: Type.Union(BATCH_STATUSES.map((s) => Type.Literal(s))),
  scenario: DocRefSchema,
  plans: Type.Array(DocRefSchema),
  region: DocRefSchema,
  seed: Type.Union([Type.Number(), Type.String()]),
  replications: Type.Integer({ description: 'requested (the maximum with a precision rule)' }),
  precision: Nullable(Type.Record(Type.String(), Type.Number())),
  workers: Type.Integer(),
  chunkSize: Type.Integer(),
  progress: Type.Object({ done: Type.Integer(), total: Type.Integer(), chunksDone: Type.Integer() }),
  partial: Type.Boolean({ description: 'the results cover fewer replications than asked (cancelled)' }),
  stoppedEarly: Type.Boolean({ description: 'the precision rule was met before the maximum' }),
  createdAt: Type.String(),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
  error: Type.Optional(ErrorSchema),
  results: Type.Optional(Type.Unknown({ description: 'the scorecard (or comparison), once done' })),
  links: Type.Object({ self: Type.String(), events: Type.String(), results: Type.String(), charts: Type.String() }),
});

export const BatchListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union(BATCH_STATUSES.map((s) => Type.Literal(s)))),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  closed,
);

export const ResultsQuery = Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])) }, closed);

export const ResultsSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  replications: Type.Integer(),
  partial: Type.Boolean(),
  stoppedEarly: Type.Boolean(),
  scorecard: Type.Optional(Type.Unknown({ description: 'as `drillsim run --json` prints it' })),
  comparison: Type.Optional(Type.Unknown({ description: 'as `drillsim compare --json` prints it' })),
  script: Type.Optional(Type.Unknown({ description: 'a drill batch: the drill script, as `drillsim drill script --format json` writes it' })),
});

// --- tokens

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
export const CreateTokenBody = Type.Object({ role: RoleSchema, label: Type.Optional(Type.String({ maxLength: 200 })) }, closed);
export const TokenParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{12}$' }) }, closed);
export const TokenInfoSchema = Type.Object({
  id: Type.String(),
  role: Type.String(),
  label: Nullable(Type.String()),
  createdAt: Type.String(),
  revokedAt: Nullable(Type.String()),
});
export const CreatedTokenSchema = Type.Object({ ...TokenInfoSchema.properties, token: Type.String({ description: 'shown once; only its hash is stored' }) });
