/**
 * Load and validate a region network: JSON syntax (located), the TypeBox schema (each problem with its
 * JSON pointer, line and column, and the element it belongs to), then semantic checks the schema cannot
 * express: duplicate ids, edges to unknown nodes, loops, points on unknown nodes, and a warning for each
 * disconnected component. Errors throw one InputError listing every problem found (warnings included, so
 * the user sees everything at once); a valid network returns with its warnings.
 */
import { Value } from '@sinclair/typebox/value';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { InputError, pointer, type InputIssue } from '../errors.js';
import { haversineKm } from './geo.js';
import { toGraph, weaklyConnectedComponents, type RegionGraph } from './graph.js';
import { parseJsonText, readTextFile, type JsonLocator } from './json-source.js';
import { RegionNetworkSchema, type RegionNetwork } from './schema.js';

export interface LoadedNetwork {
  network: RegionNetwork;
  graph: RegionGraph;
  warnings: InputIssue[];
}

export interface ValidateOptions {
  file?: string;
  /** Maps pointers to source positions; without it issues carry pointers only. */
  locator?: JsonLocator;
  /** How many disconnected components to name one by one before summarising the rest. */
  maxComponentWarnings?: number;
}

/** Read and validate `network.json` (or any file in the region-network format). */
export function loadRegionNetworkFile(file: string): LoadedNetwork {
  return parseRegionNetwork(readTextFile(file, { expected: 'a region network JSON file' }), file);
}

export function parseRegionNetwork(text: string, file?: string): LoadedNetwork {
  const parsed = parseJsonText(text, file);
  const locator = parsed.locator();
  return validateRegionNetwork(parsed.value, { ...(file !== undefined ? { file } : {}), locator });
}

const ELEMENT_LISTS: Record<string, string> = { nodes: 'node', edges: 'edge', points: 'point', sources: 'source' };

function unescapeSegment(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** "node 'shizhong_seat'" for /nodes/0/lat; "edge #12" when the element has no usable id. */
function describeElement(doc: unknown, ptr: string): string {
  const segs = ptr.split('/').slice(1).map(unescapeSegment);
  const list = segs[0];
  if (list === undefined) return 'region';
  const kind = ELEMENT_LISTS[list];
  if (kind === undefined || segs[1] === undefined) return 'region';
  const index = Number(segs[1]);
  const items = (doc as Record<string, unknown>)[list];
  const item = Array.isArray(items) ? (items[index] as unknown) : undefined;
  const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'string' && id !== '' ? `${kind} '${id}'` : `${kind} #${index}`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const s = JSON.stringify(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function schemaMessage(e: ValueError): string {
  const segs = e.path.split('/');
  const key = unescapeSegment(segs[segs.length - 1] ?? '');
  const s = e.schema as Record<string, unknown>;
  switch (e.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return `missing required property '${key}'`;
    case ValueErrorType.ObjectAdditionalProperties:
      return `unknown property '${key}' (extra attributes go under "props")`;
    case ValueErrorType.Union: {
      const anyOf = s['anyOf'];
      if (Array.isArray(anyOf) && anyOf.every((x) => x !== null && typeof x === 'object' && 'const' in x)) {
        const allowed = anyOf.map((x) => String((x as { const: unknown }).const)).join(', ');
        return `${key} must be one of ${allowed}; got ${show(e.value)}`;
      }
      return `${key} has the wrong type: expected ${key === '' ? 'a value' : 'a string, number or boolean'}, got ${show(e.value)}`;
    }
    case ValueErrorType.Literal:
      return `${key} must be ${show(s['const'])}; got ${show(e.value)}`;
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberMaximum:
      if (key === 'lat') return `latitude ${show(e.value)} is out of range [-90, 90]`;
      if (key === 'lon') return `longitude ${show(e.value)} is out of range [-180, 180]`;
      return `${key} ${show(e.value)} is out of range (${e.message.toLowerCase()})`;
    case ValueErrorType.NumberExclusiveMinimum:
      if (key === 'km') return `length km must be positive; got ${show(e.value)}`;
      return `${key} must be greater than ${show(s['exclusiveMinimum'])}; got ${show(e.value)}`;
    case ValueErrorType.StringMinLength:
      return `${key} must not be empty`;
    case ValueErrorType.Number:
    case ValueErrorType.Integer:
      return `${key} must be ${e.type === ValueErrorType.Integer ? 'an integer' : 'a number'}; got ${show(e.value)}`;
    case ValueErrorType.String:
      return `${key} must be a string; got ${show(e.value)}`;
    case ValueErrorType.Boolean:
      return `${key} must be true or false; got ${show(e.value)}`;
    case ValueErrorType.Array:
      return `${key} must be an array; got ${show(e.value)}`;
    case ValueErrorType.Object:
      return `${key === '' ? 'the document' : key} must be an object; got ${show(e.value)}`;
    default:
      return `${key}: ${e.message}; got ${show(e.value)}`;
  }
}

class IssueList {
  readonly errors: InputIssue[] = [];
  readonly warnings: InputIssue[] = [];
  constructor(private readonly opts: ValidateOptions) {}
  add(severity: 'error' | 'warning', path: string, message: string, at: 'value' | 'key' = 'value'): void {
    const issue: InputIssue = { path, message };
    if (this.opts.file !== undefined) issue.file = this.opts.file;
    const loc = this.opts.locator;
    if (loc !== undefined) {
      const p = at === 'key' ? loc.locateKey(path) : loc.locate(path);
      issue.line = p.line;
      issue.column = p.column;
    }
    if (severity === 'warning') {
      issue.severity = 'warning';
      this.warnings.push(issue);
    } else {
      issue.severity = 'error';
      this.errors.push(issue);
    }
  }
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function arrayAt(doc: Record<string, unknown> | undefined, key: string): unknown[] {
  const v = doc?.[key];
  return Array.isArray(v) ? v : [];
}

/** Validate a parsed document; throws InputError when it has errors. */
export function validateRegionNetwork(value: unknown, opts: ValidateOptions = {}): LoadedNetwork {
  const issues = new IssueList(opts);

  for (const d of opts.locator?.duplicateKeys ?? []) {
    issues.add('error', d.pointer, `${describeElement(value, d.pointer)}: property '${unescapeSegment(d.pointer.slice(d.pointer.lastIndexOf('/') + 1))}' appears twice`, 'key');
  }

  // Schema: one issue per pointer (TypeBox reports "required" and then "expected string" for the same hole).
  const seenPaths = new Set<string>();
  for (const e of Value.Errors(RegionNetworkSchema, value)) {
    if (seenPaths.has(e.path)) continue;
    seenPaths.add(e.path);
    // A missing property has no position of its own: the locator falls back to the enclosing object.
    const message = `${describeElement(value, e.path)}: ${schemaMessage(e)}`;
    issues.add('error', e.path, message, e.type === ValueErrorType.ObjectAdditionalProperties ? 'key' : 'value');
  }

  // Semantic checks, written defensively so they still run (and report) when the schema failed.
  const doc = asRecord(value);
  const nodes = arrayAt(doc, 'nodes');
  const edges = arrayAt(doc, 'edges');
  const points = arrayAt(doc, 'points');

  const nodeAt = new Map<string, number>();
  const coords = new Map<string, { lat: number; lon: number }>();
  nodes.forEach((raw, i) => {
    const n = asRecord(raw);
    const id = n?.['id'];
    if (typeof id !== 'string' || id === '') return;
    const first = nodeAt.get(id);
    if (first !== undefined) {
      issues.add('error', pointer('nodes', i, 'id'), `node '${id}': duplicate node id (first defined at /nodes/${first})`);
      return;
    }
    nodeAt.set(id, i);
    const lat = n?.['lat'];
    const lon = n?.['lon'];
    if (typeof lat === 'number' && typeof lon === 'number') coords.set(id, { lat, lon });
  });

  const edgeAt = new Map<string, number>();
  edges.forEach((raw, i) => {
    const e = asRecord(raw);
    if (e === undefined) return;
    const id = e['id'];
    const label = typeof id === 'string' && id !== '' ? `edge '${id}'` : `edge #${i}`;
    if (typeof id === 'string' && id !== '') {
      const first = edgeAt.get(id);
      if (first !== undefined) issues.add('error', pointer('edges', i, 'id'), `${label}: duplicate edge id (first defined at /edges/${first})`);
      else edgeAt.set(id, i);
    }
    for (const end of ['from', 'to'] as const) {
      const ref = e[end];
      if (typeof ref === 'string' && ref !== '' && !nodeAt.has(ref)) {
        issues.add('error', pointer('edges', i, end), `${label}: '${end}' refers to unknown node '${ref}'`);
      }
    }
    const from = e['from'];
    const to = e['to'];
    if (typeof from === 'string' && from === to && from !== '') {
      issues.add('error', pointer('edges', i, 'to'), `${label}: a loop (from and to are both '${from}'); split it at a middle node`);
    }
    const km = e['km'];
    const a = typeof from === 'string' ? coords.get(from) : undefined;
    const b = typeof to === 'string' ? coords.get(to) : undefined;
    if (a !== undefined && b !== undefined && typeof km === 'number' && km > 0) {
      // A road can be longer than the straight line, not much shorter: this catches metres-for-km and
      // swapped coordinates. Short edges are exempt because estimated positions are only good to ~2 km.
      const straight = haversineKm(a.lat, a.lon, b.lat, b.lon);
      if (straight > 5 && km < 0.5 * straight) {
        issues.add('warning', pointer('edges', i, 'km'), `${label}: length ${km} km is less than half the straight-line distance ${straight.toFixed(1)} km between its nodes`);
      }
    }
  });

  const pointAt = new Map<string, number>();
  points.forEach((raw, i) => {
    const p = asRecord(raw);
    if (p === undefined) return;
    const id = p['id'];
    const label = typeof id === 'string' && id !== '' ? `point '${id}'` : `point #${i}`;
    if (typeof id === 'string' && id !== '') {
      const first = pointAt.get(id);
      if (first !== undefined) issues.add('error', pointer('points', i, 'id'), `${label}: duplicate point id (first defined at /points/${first})`);
      else pointAt.set(id, i);
    }
    const node = p['node'];
    if (typeof node === 'string' && node !== '' && !nodeAt.has(node)) {
      issues.add('error', pointer('points', i, 'node'), `${label}: placed on unknown node '${node}'`);
    }
  });

  if (issues.errors.length > 0) throw new InputError([...issues.errors, ...issues.warnings]);

  const network = value as RegionNetwork;
  const graph = toGraph(network);
  const components = weaklyConnectedComponents(graph);
  const max = opts.maxComponentWarnings ?? 20;
  const main = components[0];
  components.slice(1, 1 + max).forEach((component, k) => {
    const sample = component.slice(0, 5).map((id) => `'${id}'`).join(', ');
    const more = component.length > 5 ? `, ... (${component.length - 5} more)` : '';
    issues.add(
      'warning',
      pointer('nodes', nodeAt.get(component[0]!)!),
      `disconnected component ${k + 2} of ${components.length}: ${component.length} node${component.length === 1 ? '' : 's'} (${sample}${more}) cannot be reached from the main component of ${main!.length} nodes`,
    );
  });
  if (components.length - 1 > max) {
    const rest = components.slice(1 + max);
    issues.add('warning', '/nodes', `${rest.length} further disconnected components with ${rest.reduce((s, c) => s + c.length, 0)} nodes in all`);
  }
  return { network, graph, warnings: issues.warnings };
}
