/**
 * Everything the API can name by id: the built-in items shipped with drillsim (scenarios/*.yaml,
 * scenarios/plans/*.yaml, scenarios/regions/<name>/), which are listed and read-only, and the documents
 * stored in SQLite. It parses bodies with the document loader (models/schema/document.ts: YAML and JSON
 * alike, with its size, nesting and alias limits) and checks them semantically with the scenario and plan
 * compilers, so every problem comes back located.
 *
 * References between documents are ids over HTTP, never file paths (a path would let a request read the
 * server's files): a scenario's `region` is a built-in region name or a stored region id; its `plan` and a
 * plan's `extends` are plan ids, and a path such as `plans/leshan-flood-plan.yaml` is read by its file name
 * (`leshan-flood-plan`), which is how the built-in files refer to each other.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { InputError, type InputIssue } from '../../engine/errors.js';
import { RegionNetworkSchema } from '../../engine/network/schema.js';
import { compilePlan, type CompiledPlan } from '../../models/plan/compile.js';
import { loadRegion, looksLikePath, type LoadedRegion } from '../../models/region/load.js';
import { compileScenario, type CompiledScenario } from '../../models/scenario/compile.js';
import { locateInChain, mergeChain, resolveExtends, type ExtendsSource } from '../../models/scenario/extends.js';
import { loadLocatedDocument, type LocatedDocument } from '../../models/schema/document.js';
import { PlanSchema, type PlanDoc } from '../../models/schema/plan.js';
import { RegionAssetsSchema, RegionManifestSchema, RegionZonesSchema } from '../../models/schema/region-assets.js';
import { ScenarioSchema, type ScenarioDoc } from '../../models/schema/scenario.js';
import { packageRoot } from '../cli/paths.js';
import { ApiError, notFound } from './errors.js';
import type { BatchSnapshot } from './batches/jobs.js';
import type { BodyFormat, DocumentKind, DocumentStore, VersionInfo } from './storage/documents.js';

/** Ids in URLs and stored ids: the scenario/plan id pattern (no '/', no leading '.'). */
export const ID_PATTERN = '^[a-z0-9][a-z0-9_.-]*$';
const ID_RE = new RegExp(ID_PATTERN);
export const ID_MAX = 80;

export const SCENARIO_MAX_BYTES = 1024 * 1024;
export const REGION_MAX_BYTES = 8 * 1024 * 1024;

const { files: manifestFiles, ...manifestProps } = RegionManifestSchema.properties;

/**
 * A region over HTTP is one document holding the four files of a region directory. The manifest's
 * `files` may be left out: the server writes the parts under fixed names.
 */
export const RegionBundleSchema = Type.Object(
  {
    drillsim: Type.Literal(1, { description: 'file-format version' }),
    kind: Type.Literal('region-bundle'),
    manifest: Type.Object({ ...manifestProps, files: Type.Optional(manifestFiles) }, { additionalProperties: false, description: 'region.json' }),
    network: RegionNetworkSchema,
    zones: RegionZonesSchema,
    assets: RegionAssetsSchema,
  },
  { additionalProperties: false, title: 'drillsim region bundle', description: 'the four files of a region directory in one document' },
);
export type RegionBundle = Static<typeof RegionBundleSchema>;

const SCHEMAS: Record<DocumentKind, TSchema> = { scenario: ScenarioSchema, plan: PlanSchema, region: RegionBundleSchema };
const MAX_BYTES: Record<DocumentKind, number> = { scenario: SCENARIO_MAX_BYTES, plan: SCENARIO_MAX_BYTES, region: REGION_MAX_BYTES };

export interface CatalogItem {
  kind: DocumentKind;
  id: string;
  version: number;
  builtin: boolean;
  title: string | null;
  createdAt: string | null;
  format: BodyFormat;
  body: string;
}

export interface ItemRef {
  id: string;
  version: number;
  builtin: boolean;
}

interface BuiltinFile {
  file: string;
  text: string;
  title: string | null;
}

/** `plans/leshan-flood-plan.yaml` -> `leshan-flood-plan`; an id stays as it is. */
export function refToId(ref: string): string {
  return basename(ref.replace(/\\/g, '/')).replace(/\.(ya?ml|json)$/i, '');
}

/**
 * Why a scenario's `plan:` cannot name a plan over HTTP, or undefined. The server reads no client paths:
 * a plan is named by id, or by a relative file name the built-in files use (`plans/<id>.yaml`), whose
 * name is the id. An absolute path, `..`, a backslash or a name that is no id would be stored and only
 * fail (or worse, be taken for a file on the server) when a batch runs.
 */
export function planRefProblem(ref: string): string | undefined {
  const why = `over the HTTP API a scenario names its plan by id (or 'plans/<id>.yaml'); got '${ref}'`;
  if (ref.startsWith('/') || ref.includes('\\') || /^[A-Za-z]:/.test(ref) || ref.split('/').some((s) => s === '..' || s === '.' || s === '')) return why;
  const id = refToId(ref);
  if (!ID_RE.test(id) || id.length > ID_MAX) return why;
  if (ref.includes('/') && !/^[a-z0-9_.-]+\/[^/]+\.(ya?ml|json)$/i.test(ref)) return why;
  return undefined;
}

function titleOf(value: unknown): string | null {
  const rec = value as Record<string, unknown> | null;
  const t = rec?.['title'] ?? (rec?.['manifest'] as Record<string, unknown> | undefined)?.['name'];
  return typeof t === 'string' ? t : null;
}

export interface ParsedDocument<T> {
  value: T;
  doc: LocatedDocument;
}

/** Write a bundle as a region directory (atomically: a temporary directory renamed into place). */
export function writeRegionDir(bundle: RegionBundle, dir: string): void {
  const tmp = `${dir}.tmp-${randomBytes(6).toString('hex')}`;
  mkdirSync(tmp, { recursive: true });
  try {
    const manifest = { ...bundle.manifest, files: { network: 'network.json', zones: 'zones.json', assets: 'assets.json' } };
    writeFileSync(join(tmp, 'region.json'), JSON.stringify(manifest, null, 1));
    writeFileSync(join(tmp, 'network.json'), JSON.stringify(bundle.network));
    writeFileSync(join(tmp, 'zones.json'), JSON.stringify(bundle.zones));
    writeFileSync(join(tmp, 'assets.json'), JSON.stringify(bundle.assets));
    if (existsSync(dir)) rmSync(tmp, { recursive: true, force: true });
    else renameSync(tmp, dir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Check a region bundle as a region directory would be loaded (written under `scratch`, then removed): its
 * warnings, or an InputError, located in the bundle. Runs on the document thread for large bundles.
 */
export function checkRegionBundle(parsed: ParsedDocument<RegionBundle>, scratch: string): InputIssue[] {
  mkdirSync(scratch, { recursive: true });
  const dir = join(scratch, `region-${randomBytes(6).toString('hex')}`);
  writeRegionDir(parsed.value, dir);
  const part = (file: string | undefined): string => {
    const name = basename(file ?? '');
    return name === 'region.json' ? '/manifest' : name === 'network.json' ? '/network' : name === 'zones.json' ? '/zones' : name === 'assets.json' ? '/assets' : '';
  };
  try {
    const region = loadRegion(dir);
    return region.warnings.map((w) => ({ ...parsed.doc.issue(part(w.file) + w.path, w.message), severity: 'warning' as const }));
  } catch (err) {
    if (err instanceof InputError) {
      throw new InputError(err.issues.map((i) => ({ ...parsed.doc.issue(part(i.file) + i.path, i.message), ...(i.severity !== undefined ? { severity: i.severity } : {}) })));
    }
    throw err;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Parse a body of this kind with the document loader and check its id; InputError (422) with located problems. */
export function parseBody(kind: DocumentKind, text: string, maxBytes: number = MAX_BYTES[kind]): ParsedDocument<unknown> {
  const { value, doc } = loadLocatedDocument({ text, file: 'request body' }, SCHEMAS[kind], { maxBytes });
  checkId(kind, value, doc);
  return { value, doc };
}

/** Ids over the API: the id pattern, at most ID_MAX characters (located at the document's id). */
export function checkId(kind: DocumentKind, value: unknown, doc: LocatedDocument): void {
  const id = kind === 'region' ? (value as RegionBundle).manifest.id : (value as { id: string }).id;
  const idPath = kind === 'region' ? '/manifest/id' : '/id';
  if (!ID_RE.test(id) || id.length > ID_MAX) {
    throw new InputError([doc.issue(idPath, `ids over the API are lower-case letters, digits and . _ - (starting with a letter or digit, at most ${ID_MAX} characters); got '${id}'`)]);
  }
}

export class Catalog {
  private readonly builtinScenarios = new Map<string, BuiltinFile>();
  private readonly builtinPlans = new Map<string, BuiltinFile>();
  private readonly builtinRegions = new Map<string, string>();
  private readonly regionCache = new Map<string, LoadedRegion>();

  constructor(
    private readonly store: DocumentStore,
    private readonly dataDir: string,
    root: string = packageRoot(),
  ) {
    this.loadBuiltins(root);
  }

  private loadBuiltins(root: string): void {
    const scan = (dir: string, kind: 'scenario' | 'plan', into: Map<string, BuiltinFile>): void => {
      if (!existsSync(dir)) return;
      for (const name of readdirSync(dir).sort()) {
        if (!/\.ya?ml$/.test(name)) continue;
        const file = join(dir, name);
        const text = readFileSync(file, 'utf8');
        try {
          const { value } = loadLocatedDocument({ text, file }, SCHEMAS[kind]);
          const id = (value as { id: string }).id;
          into.set(id, { file, text, title: titleOf(value) });
        } catch {
          // A broken built-in file is a packaging bug that `drillsim validate scenarios` reports; skip it here.
        }
      }
    };
    scan(join(root, 'scenarios'), 'scenario', this.builtinScenarios);
    scan(join(root, 'scenarios', 'plans'), 'plan', this.builtinPlans);
    const regions = join(root, 'scenarios', 'regions');
    if (existsSync(regions)) {
      for (const name of readdirSync(regions).sort()) {
        if (existsSync(join(regions, name, 'region.json'))) this.builtinRegions.set(name, join(regions, name));
      }
    }
  }

  isBuiltin(kind: DocumentKind, id: string): boolean {
    return (kind === 'scenario' ? this.builtinScenarios : kind === 'plan' ? this.builtinPlans : this.builtinRegions).has(id);
  }

  private readonly listCache = new Map<DocumentKind, { generation: number; items: Array<Omit<CatalogItem, 'body' | 'format'>> }>();

  /** Built-ins first (by id), then stored items (by id). Cached until the store changes (the hot read). */
  list(kind: DocumentKind): Array<Omit<CatalogItem, 'body' | 'format'>> {
    const cached = this.listCache.get(kind);
    if (cached !== undefined && cached.generation === this.store.generation) return cached.items;
    const items = this.listUncached(kind);
    this.listCache.set(kind, { generation: this.store.generation, items });
    return items;
  }

  private listUncached(kind: DocumentKind): Array<Omit<CatalogItem, 'body' | 'format'>> {
    const builtins = kind === 'scenario' ? this.builtinScenarios : kind === 'plan' ? this.builtinPlans : undefined;
    const out: Array<Omit<CatalogItem, 'body' | 'format'>> = [];
    if (builtins !== undefined) {
      for (const [id, b] of [...builtins].sort((a, c) => a[0].localeCompare(c[0]))) out.push({ kind, id, version: 1, builtin: true, title: b.title, createdAt: null });
    } else {
      for (const id of [...this.builtinRegions.keys()].sort()) out.push({ kind, id, version: 1, builtin: true, title: this.builtinRegionName(id), createdAt: null });
    }
    for (const s of this.store.list(kind)) {
      if (this.isBuiltin(kind, s.id)) continue;
      out.push({ kind, id: s.id, version: s.version, builtin: false, title: s.title, createdAt: s.createdAt });
    }
    return out;
  }

  private builtinRegionName(id: string): string | null {
    try {
      return titleOf({ manifest: JSON.parse(readFileSync(join(this.builtinRegions.get(id)!, 'region.json'), 'utf8')) });
    } catch {
      return null;
    }
  }

  /** An item by id (the newest version, or `version`); 404 if absent. */
  get(kind: DocumentKind, id: string, version?: number): CatalogItem {
    const builtin = this.builtinItem(kind, id);
    if (builtin !== undefined) {
      if (version !== undefined && version !== 1) throw notFound(`${kind} '${id}' version ${version}`);
      return builtin;
    }
    const s = version !== undefined ? this.store.version(kind, id, version) : this.store.latest(kind, id);
    if (s === undefined || (version !== undefined && this.store.latest(kind, id) === undefined)) {
      throw notFound(version !== undefined ? `${kind} '${id}' version ${version}` : `${kind} '${id}'`);
    }
    return { kind, id, version: s.version, builtin: false, title: s.title, createdAt: s.createdAt, format: s.format, body: s.body };
  }

  versions(kind: DocumentKind, id: string): VersionInfo[] {
    const builtin = this.builtinItem(kind, id);
    if (builtin !== undefined) return [{ version: 1, title: builtin.title, createdAt: '' }];
    const v = this.store.versions(kind, id);
    if (v === undefined) throw notFound(`${kind} '${id}'`);
    return v;
  }

  private builtinItem(kind: DocumentKind, id: string): CatalogItem | undefined {
    if (kind === 'region') {
      const dir = this.builtinRegions.get(id);
      if (dir === undefined) return undefined;
      const body = JSON.stringify(this.builtinRegionBundle(dir));
      return { kind, id, version: 1, builtin: true, title: this.builtinRegionName(id), createdAt: null, format: 'json', body };
    }
    const b = (kind === 'scenario' ? this.builtinScenarios : this.builtinPlans).get(id);
    return b === undefined ? undefined : { kind, id, version: 1, builtin: true, title: b.title, createdAt: null, format: 'yaml', body: b.text };
  }

  private builtinRegionBundle(dir: string): RegionBundle {
    const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const manifest = read('region.json') as RegionBundle['manifest'] & { files: { network: string; zones: string; assets: string } };
    return {
      drillsim: 1,
      kind: 'region-bundle',
      manifest,
      network: read(manifest.files.network) as RegionBundle['network'],
      zones: read(manifest.files.zones) as RegionBundle['zones'],
      assets: read(manifest.files.assets) as RegionBundle['assets'],
    };
  }

  // ----------------------------------------------------------------------------------------------
  // Parsing and checking

  /** Parse a body of this kind with the document loader; InputError (422) with located problems. */
  parse(kind: 'scenario', text: string): ParsedDocument<ScenarioDoc>;
  parse(kind: 'plan', text: string): ParsedDocument<PlanDoc>;
  parse(kind: 'region', text: string): ParsedDocument<RegionBundle>;
  parse(kind: DocumentKind, text: string): ParsedDocument<unknown>;
  parse(kind: DocumentKind, text: string): ParsedDocument<unknown> {
    return parseBody(kind, text);
  }

  /** The id a parsed document carries. */
  static idOf(kind: DocumentKind, value: unknown): string {
    return kind === 'region' ? (value as RegionBundle).manifest.id : (value as { id: string }).id;
  }

  static titleOf(value: unknown): string | null {
    return titleOf(value);
  }

  /**
   * Every semantic check a document of this kind can have on its own (a plan also needs a scenario).
   * `regionWarnings`: a region bundle already checked on the document thread (documents.ts), with its warnings.
   */
  check(kind: DocumentKind, parsed: ParsedDocument<unknown>, planScenario?: string, regionWarnings?: InputIssue[]): { checked: string[]; warnings: InputIssue[] } {
    if (kind === 'scenario') {
      this.compileScenarioDoc(parsed as ParsedDocument<ScenarioDoc>);
      return { checked: ['schema', 'references'], warnings: [] };
    }
    if (kind === 'plan') {
      const p = parsed as ParsedDocument<PlanDoc>;
      const merged = this.mergedPlan(p);
      if (planScenario === undefined) return { checked: ['schema', 'extends'], warnings: [] };
      const scenario = this.compiledScenario(planScenario);
      this.compilePlanLocated(merged, scenario);
      return { checked: ['schema', 'extends', `references (against scenario '${planScenario}')`], warnings: [] };
    }
    const warnings = regionWarnings ?? checkRegionBundle(parsed as ParsedDocument<RegionBundle>, this.scratchDir());
    return { checked: ['schema', 'references'], warnings };
  }

  // --- regions

  private regionRoot(): string {
    return join(this.dataDir, 'regions');
  }

  /** Where region bundles are written out to be checked. */
  scratchDir(): string {
    return join(this.dataDir, 'tmp');
  }

  /** The directory of a region by id (a stored region is written out on first use). */
  regionDir(ref: ItemRef): string {
    if (ref.builtin) {
      const dir = this.builtinRegions.get(ref.id);
      if (dir === undefined) throw notFound(`region '${ref.id}'`);
      return dir;
    }
    const dir = join(this.regionRoot(), ref.id, `v${ref.version}`);
    if (!existsSync(join(dir, 'region.json'))) {
      const s = this.store.version('region', ref.id, ref.version);
      if (s === undefined) throw notFound(`region '${ref.id}' version ${ref.version}`);
      mkdirSync(join(this.regionRoot(), ref.id), { recursive: true });
      writeRegionDir(JSON.parse(s.body) as RegionBundle, dir);
    }
    return dir;
  }

  /** Resolve a scenario's region reference to the current item. */
  regionRef(ref: string): ItemRef | undefined {
    if (looksLikePath(ref)) return undefined;
    if (this.builtinRegions.has(ref)) return { id: ref, version: 1, builtin: true };
    const s = this.store.latest('region', ref);
    return s === undefined ? undefined : { id: ref, version: s.version, builtin: false };
  }

  private loadedRegion(ref: ItemRef): LoadedRegion {
    const key = `${ref.builtin ? 'builtin' : 'stored'}:${ref.id}@${ref.version}`;
    let region = this.regionCache.get(key);
    if (region === undefined) {
      region = loadRegion(this.regionDir(ref));
      // Regions are immutable per version; keep a few (the built-in one is the common case).
      if (this.regionCache.size >= 8) this.regionCache.delete(this.regionCache.keys().next().value!);
      this.regionCache.set(key, region);
    }
    return region;
  }

  private knownRegions(): string {
    const ids = [...this.builtinRegions.keys(), ...this.store.list('region').map((r) => r.id)];
    return ids.length > 0 ? ids.join(', ') : 'none';
  }

  // --- scenarios

  private compileScenarioDoc(parsed: ParsedDocument<ScenarioDoc>): { compiled: CompiledScenario; region: ItemRef } {
    const ref = parsed.value.region;
    const region = this.regionRef(ref);
    if (region === undefined) {
      const why = looksLikePath(ref)
        ? `over the HTTP API a scenario names its region by id, not by path; got '${ref}'`
        : `unknown region '${ref}'`;
      throw new InputError([parsed.doc.issue('/region', `${why} (regions: ${this.knownRegions()})`)]);
    }
    const plan = parsed.value.plan;
    if (plan !== undefined) {
      const problem = planRefProblem(plan);
      if (problem !== undefined) throw new InputError([parsed.doc.issue('/plan', problem)]);
    }
    // A stored region passed every check when it was stored; its own problems are not this document's.
    const loaded = this.loadedRegion(region);
    // Every problem is shown in the request's document: a server path would mean nothing to the client.
    const compiled = locateInChain([parsed], () => compileScenario(parsed.value, loaded, null));
    return { compiled, region };
  }

  private parseItem(kind: 'scenario', item: CatalogItem): ParsedDocument<ScenarioDoc>;
  private parseItem(kind: 'plan', item: CatalogItem): ParsedDocument<PlanDoc>;
  private parseItem(kind: DocumentKind, item: CatalogItem): ParsedDocument<unknown> {
    return loadLocatedDocument({ text: item.body, file: `${kind} ${item.id} v${item.version}` }, SCHEMAS[kind], { maxBytes: MAX_BYTES[kind] });
  }

  /** A stored or built-in scenario, compiled against its region (the newest versions). */
  compiledScenario(id: string): CompiledScenario {
    return this.compileScenarioDoc(this.parseItem('scenario', this.get('scenario', id))).compiled;
  }

  // --- plans

  /**
   * `extends` over HTTP names a plan by id (a path is read by its file name, as the built-in files refer to
   * each other); a chain problem is shown at the `extends` of the plan that makes it.
   */
  private readonly planIds: ExtendsSource<ParsedDocument<PlanDoc>> = {
    key: (first) => first.value.id,
    resolve: (_from, ref) => refToId(ref),
    fetch: (id, from) => {
      let item: CatalogItem;
      try {
        item = this.get('plan', id);
      } catch {
        throw new InputError([from.doc.issue('/extends', `unknown plan '${id}' (over the HTTP API 'extends' names a plan by id)`)]);
      }
      return this.parseItem('plan', item);
    },
    unit: 'plans',
    describe: (id) => `plan '${id}'`,
    problem: (from, _id, _kind, message) => from.doc.issue('/extends', message),
  };

  /** A plan with its `extends` chain (the plan first) merged. */
  private mergedPlan(parsed: ParsedDocument<PlanDoc>): { doc: PlanDoc; chain: Array<ParsedDocument<PlanDoc>> } {
    const chain = resolveExtends(parsed, this.planIds);
    return { doc: mergeChain(chain) as PlanDoc, chain };
  }

  /** Compile a merged plan, each problem placed in the plan of the chain that defines its top-level key. */
  private compilePlanLocated(merged: { doc: PlanDoc; chain: Array<ParsedDocument<PlanDoc>> }, scenario: CompiledScenario): CompiledPlan {
    return locateInChain(merged.chain, () => compilePlan(merged.doc, scenario, null));
  }

  // --- runs

  /**
   * Resolve and compile what a batch runs: the scenario (newest version), the plans (given, else the
   * scenario's default) and the region; InputError / ApiError (422) if any reference or check fails.
   * `planPaths` are the request pointers of the given plan ids, for error details.
   */
  resolveRun(scenarioId: string, planIds: readonly string[], planPaths: readonly string[] = []): { scenario: CompiledScenario; plans: CompiledPlan[]; snapshot: BatchSnapshot } {
    let sItem: CatalogItem;
    try {
      sItem = this.get('scenario', scenarioId);
    } catch {
      throw new ApiError(422, 'unknown-reference', `unknown scenario '${scenarioId}'`, [{ path: '/scenario', message: `unknown scenario '${scenarioId}'` }]);
    }
    const sParsed = this.parseItem('scenario', sItem);
    const { compiled: scenario, region } = this.compileScenarioDoc(sParsed);
    const refs: Array<{ id: string; path: string; isDefault: boolean }> = planIds.map((id, i) => ({ id, path: planPaths[i] ?? '/plan', isDefault: false }));
    if (refs.length === 0) {
      if (sParsed.value.plan === undefined) {
        throw new ApiError(422, 'unknown-reference', `scenario '${scenarioId}' names no default plan: give one as 'plan'`, [
          { path: '/plan', message: 'required: the scenario has no default plan' },
        ]);
      }
      refs.push({ id: refToId(sParsed.value.plan), path: '/scenario', isDefault: true });
    }
    const plans: CompiledPlan[] = [];
    const docs: PlanDoc[] = [];
    const planRefs: ItemRef[] = [];
    for (const ref of refs) {
      let pItem: CatalogItem;
      try {
        pItem = this.get('plan', ref.id);
      } catch {
        const message = `unknown plan '${ref.id}'${ref.isDefault ? ` (the default plan of scenario '${scenarioId}')` : ''}`;
        throw new ApiError(422, 'unknown-reference', message, [{ path: ref.path, message }]);
      }
      const pParsed = this.parseItem('plan', pItem);
      const merged = this.mergedPlan(pParsed);
      plans.push(this.compilePlanLocated(merged, scenario));
      docs.push(merged.doc);
      planRefs.push({ id: pItem.id, version: pItem.version, builtin: pItem.builtin });
    }
    const { plan: _defaultPlan, ...scenarioDoc } = sParsed.value;
    return {
      scenario,
      plans,
      snapshot: {
        scenario: scenarioDoc as ScenarioDoc,
        plans: docs,
        refs: { scenario: { id: sItem.id, version: sItem.version, builtin: sItem.builtin }, plans: planRefs, region },
      },
    };
  }
}
