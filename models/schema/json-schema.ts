/**
 * The TypeBox schemas of every document kind, published as JSON Schema (draft 2020-12) files so that
 * editors check and complete scenario and plan files as they are typed (`drillsim schema` writes them;
 * docs/schemas.md says how to map them in an editor). Generated on demand, never committed: the TypeBox
 * schemas are the single source of truth.
 */
import type { TSchema } from '@sinclair/typebox';
import { regionNetworkJsonSchema } from '../../engine/network/schema.js';
import { regionAssetsJsonSchemas } from './region-assets.js';
import { DrillEvaluationSchema, DrillLogSchema, DrillScriptSchema } from './drill.js';
import { PlanSchema } from './plan.js';
import { ScenarioSchema } from './scenario.js';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
export const SCHEMA_BASE_URL = 'https://drillsim.dev/schema/';

export type JsonSchemaDocument = Record<string, unknown>;

/**
 * A TypeBox schema as a plain JSON Schema document: TypeBox's symbol keys dropped (JSON round trip),
 * `$schema`, `$id` and `title` first, defaults filled in when the schema has none.
 */
export function toJsonSchemaDocument(schema: TSchema, defaults: { id: string; title: string }): JsonSchemaDocument {
  const plain = JSON.parse(JSON.stringify(schema)) as JsonSchemaDocument;
  const { $schema: _dialect, $id, title, ...rest } = plain;
  const defs = hoistNamedSchemas(rest);
  const existing = rest['$defs'] !== undefined && typeof rest['$defs'] === 'object' ? (rest['$defs'] as Record<string, unknown>) : {};
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: typeof $id === 'string' ? $id : defaults.id,
    title: typeof title === 'string' ? title : defaults.title,
    ...rest,
    ...(Object.keys(defs).length > 0 ? { $defs: { ...existing, ...defs } } : {}),
  };
}

/**
 * Also rewrites draft-07 tuples into 2020-12 `prefixItems`.
 *
 * TypeBox embeds a named schema (Type.Recursive's `$id: 'Trigger'`) wherever it is used and refers to it
 * by bare `$ref: 'Trigger'`. Used twice, that is two embedded resources with one $id, which JSON Schema
 * forbids (ajv refuses it). Move each into `$defs` once and point every use and reference there.
 */
function hoistNamedSchemas(root: Record<string, unknown>): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  const key = (id: string): string => id.replace(/[^A-Za-z0-9_.-]/g, '_');
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const obj = node as Record<string, unknown>;
    const id = obj['$id'];
    if (typeof id === 'string' && !id.includes('://')) {
      const { $id: _id, ...body } = obj;
      if (!(key(id) in defs)) {
        defs[key(id)] = {}; // reserve first: the body may refer to itself
        defs[key(id)] = walk(body);
      }
      return { $ref: `#/$defs/${key(id)}` };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (k === '$ref' && typeof v === 'string' && !v.startsWith('#') && !v.includes('://')) out[k] = `#/$defs/${key(v)}`;
      else out[k] = walk(v);
    }
    // Type.Tuple writes draft-07 tuples (items: [..], additionalItems); 2020-12 spells them prefixItems.
    if (Array.isArray(out['items'])) {
      out['prefixItems'] = out['items'];
      out['items'] = out['additionalItems'] === undefined ? true : out['additionalItems'];
      delete out['additionalItems'];
    }
    return out;
  };
  for (const [k, v] of Object.entries(root)) root[k] = walk(v);
  return defs;
}

/** The document kinds with their own schema, by file name. */
export function publishJsonSchemas(): Record<string, JsonSchemaDocument> {
  const out: Record<string, JsonSchemaDocument> = {
    'scenario.json': toJsonSchemaDocument(ScenarioSchema, { id: `${SCHEMA_BASE_URL}scenario.json`, title: 'drillsim scenario' }),
    'plan.json': toJsonSchemaDocument(PlanSchema, { id: `${SCHEMA_BASE_URL}plan.json`, title: 'drillsim contingency plan' }),
    'drill-script.json': toJsonSchemaDocument(DrillScriptSchema, { id: `${SCHEMA_BASE_URL}drill-script.json`, title: 'drillsim drill script' }),
    'drill-log.json': toJsonSchemaDocument(DrillLogSchema, { id: `${SCHEMA_BASE_URL}drill-log.json`, title: 'drillsim drill log' }),
    'drill-evaluation.json': toJsonSchemaDocument(DrillEvaluationSchema, { id: `${SCHEMA_BASE_URL}drill-evaluation.json`, title: 'drillsim drill evaluation' }),
  };
  const network = regionNetworkJsonSchema();
  out['region-network.json'] = {
    ...network,
    $id: typeof network['$id'] === 'string' ? network['$id'] : `${SCHEMA_BASE_URL}region-network.json`,
    title: typeof network['title'] === 'string' ? network['title'] : 'drillsim region network',
  };
  for (const [name, doc] of Object.entries(regionAssetsJsonSchemas())) {
    out[name] = {
      ...doc,
      $id: typeof doc['$id'] === 'string' ? doc['$id'] : `${SCHEMA_BASE_URL}${name}`,
      title: typeof doc['title'] === 'string' ? doc['title'] : `drillsim ${name.replace(/\.json$/, '')}`,
    };
  }
  return out;
}
