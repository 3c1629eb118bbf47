/**
 * `drillsim validate <path...>`: check files or directories and exit 0 (all valid; warnings on stderr)
 * or 2 with located errors (`file:line:col: error: /pointer message`). What is checked depends on what each
 * path is: the `validators` list below is tried in order and the first that recognises the target
 * validates it: a full region directory (region.json: network, zones and assets with their
 * cross-references, models/region), a directory with only network.json, a network file, one region data
 * file, or a YAML/JSON document whose `kind` is in `documentKinds` (scenario, plan). A bare name that is
 * no local path is looked up among the built-in regions; a directory that holds no region but YAML files
 * stands for those files.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import type { Command } from 'commander';
import { commandDescription } from '../commands.js';
import { formatIssues, InputError, type InputIssue } from '../../../engine/errors.js';
import { parseJsonText, readTextFile, type ParsedJson } from '../../../engine/network/json-source.js';
import { validateRegionNetwork } from '../../../engine/network/load.js';
import { loadRegion, REGION_DATA_KINDS, validateRegionDataFile, validateRegionDirectory, type LoadedRegion } from '../../../models/region/load.js';
import type { CompiledScenario } from '../../../models/scenario/compile.js';
import { loadPlan, loadPlanDocs, loadScenario, loadScenarioDoc, regionLocation } from '../../../models/scenario/load.js';
import { checkDocument, documentKind, parseYamlDocument, readDocumentFile, type LocatedDocument } from '../../../models/schema/document.js';
import { PlanSchema } from '../../../models/schema/plan.js';
import { ScenarioSchema, type ScenarioDoc } from '../../../models/schema/scenario.js';
import { NETWORK_FILE } from '../load.js';
import { builtinRegionsDir } from '../paths.js';

/** What is being validated, with lazily read contents. */
export class ValidateTarget {
  readonly path: string;
  readonly isDirectory: boolean;
  readonly ext: string;
  private text: string | undefined;
  private json: ParsedJson | undefined;
  private yaml: LocatedDocument | undefined;

  constructor(arg: string) {
    let path = resolve(arg);
    // A bare name that is not a local path may be a built-in region (scenarios/regions/<name>).
    if (!existsSync(path) && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(arg) && existsSync(join(builtinRegionsDir(), arg))) {
      path = join(builtinRegionsDir(), arg);
    }
    this.path = path;
    let stat;
    try {
      stat = statSync(this.path);
    } catch {
      throw new InputError([{ path: '', file: arg, message: 'no such file or directory (nor a built-in region)' }]);
    }
    this.isDirectory = stat.isDirectory();
    this.ext = this.isDirectory ? '' : extname(this.path).toLowerCase();
  }

  readText(): string {
    if (this.text === undefined) {
      // Regular files only, within the limit: `validate /dev/zero` or a named pipe is an error, not a hang.
      this.text = readTextFile(this.path);
    }
    return this.text;
  }

  /** Parsed JSON (syntax errors throw a located InputError). */
  readJson(): ParsedJson {
    this.json ??= parseJsonText(this.readText(), this.path);
    return this.json;
  }

  /** The file as a YAML (or JSON) document, parsed within the loader's limits. */
  readYaml(): LocatedDocument {
    this.yaml ??= parseYamlDocument(readDocumentFile(this.path));
    return this.yaml;
  }

  /** The top-level "kind" of a JSON document, or undefined. */
  jsonKind(): string | undefined {
    const v = this.readJson().value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    const kind = (v as Record<string, unknown>)['kind'];
    return typeof kind === 'string' ? kind : undefined;
  }
}

export interface ValidationReport {
  /** e.g. "region-network 'leshan': 124 nodes, 163 edges, 12 points" */
  summary: string;
  warnings: InputIssue[];
  /** The success line, when not `ok: <path>: <summary>` (documents print `ok: <path> (<kind> '<id>')`). */
  okLine?: string;
  /** What was not checked and why (printed on stderr as `<path>: note: ...`). */
  notes?: string[];
}

/** Options of `drillsim validate` that change what the semantic checks can see. */
export interface ValidateOptions {
  /** A scenario to compile plans against (`--scenario`): without one a plan's references go unchecked. */
  scenario?: string;
}

/** Handed to a document kind's `check`. */
export interface CheckContext {
  options: ValidateOptions;
  /** Record something that was not checked (e.g. a plan's references without --scenario). */
  note(message: string): void;
  /** The --scenario, compiled once per options object (InputError if it is invalid). */
  scenario(): CompiledScenario;
}

export interface FileValidator {
  /** Short name shown in messages ("region directory", "region network"). */
  kind: string;
  matches(target: ValidateTarget): boolean;
  /** Throws InputError on errors. */
  validate(target: ValidateTarget, options?: ValidateOptions): ValidationReport;
}

function validateNetworkJson(parsed: ParsedJson, file: string): ValidationReport {
  const { network, warnings } = validateRegionNetwork(parsed.value, { file, locator: parsed.locator() });
  return {
    summary: `region-network '${network.id}': ${network.nodes.length} nodes, ${network.edges.length} edges, ${network.points?.length ?? 0} points`,
    warnings,
  };
}

/** A full region (region.json + network, zones, assets): every file and the references between them. */
export const regionValidator: FileValidator = {
  kind: 'region',
  matches: (t) => t.isDirectory && existsSync(join(t.path, 'region.json')),
  validate: (t) => validateRegionDirectory(t.path),
};

/** region.json, zones.json or assets.json on its own (schema only; references need the directory). */
export const regionDataFileValidator: FileValidator = {
  kind: 'region data file',
  matches: (t) => !t.isDirectory && t.ext === '.json' && REGION_DATA_KINDS.includes(t.jsonKind() ?? ''),
  validate: (t) => validateRegionDataFile(t.path),
};

/** A directory with only a road network (what `drillsim region import` writes). */
export const regionDirectoryValidator: FileValidator = {
  kind: 'region directory',
  matches: (t) => t.isDirectory,
  validate(t) {
    const file = join(t.path, NETWORK_FILE);
    if (!existsSync(file)) throw new InputError([{ path: '', file: t.path, message: `a region directory must contain ${NETWORK_FILE}` }]);
    const text = readTextFile(file, { expected: 'a region network JSON file' });
    // zones.json and assets.json are validated by models/schema; their checks are added here by that module.
    return validateNetworkJson(parseJsonText(text, file), file);
  },
};

export const regionNetworkValidator: FileValidator = {
  kind: 'region network',
  matches: (t) => !t.isDirectory && t.ext === '.json' && (t.jsonKind() === 'region-network' || basename(t.path) === NETWORK_FILE),
  validate: (t) => validateNetworkJson(t.readJson(), t.path),
};

/** A YAML/JSON document kind that `drillsim validate` knows: its schema and optional semantic checks. */
export interface DocumentKind {
  kind: string;
  schema: TSchema;
  /** Problems the schema cannot see (references, units, consistency); located through `doc`. */
  check?: (value: unknown, doc: LocatedDocument, context: CheckContext) => InputIssue[];
}

function issuesOf(run: () => void): InputIssue[] {
  try {
    run();
    return [];
  } catch (err) {
    if (err instanceof InputError) return err.issues;
    throw err;
  }
}

/**
 * The scenario's region, as models/scenario/load.ts resolves it (a built-in name, or a path relative to the
 * scenario file). Loaded here rather than inside loadScenario so that a missing region is reported at the
 * scenario's /region line and the region files' own errors keep their files and lines.
 */
function scenarioRegion(value: ScenarioDoc, doc: LocatedDocument, file: string): LoadedRegion {
  const ref = value.region;
  try {
    return loadRegion(regionLocation(ref, file));
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const missing = err.issues.find((i) => i.message.startsWith('no region here'));
    throw missing !== undefined ? new InputError([doc.issue('/region', `unknown region '${ref}': ${missing.message}`)]) : err;
  }
}

/** Scenario semantics: compile against its region (gauges, zones, channels, units, parameters). */
function checkScenario(value: unknown, doc: LocatedDocument): InputIssue[] {
  const file = doc.file;
  if (file === undefined) return [];
  let scenario: CompiledScenario | undefined;
  const issues = issuesOf(() => {
    scenario = loadScenario(file, scenarioRegion(value as ScenarioDoc, doc, file));
  });
  if (scenario === undefined || scenario.planRef === null) return issues;
  return [...issues, ...scenarioPlanIssues(scenario.planRef, doc, file, scenario)];
}

/**
 * The scenario's default plan (`plan:`), as `drillsim run` resolves it (relative to the scenario file),
 * compiled against the scenario: a plan `run` would refuse must not pass `validate`. A problem with the
 * file itself (missing, a directory, a device) is shown at the scenario's /plan line; problems inside the
 * plan keep the plan file's own lines.
 */
function scenarioPlanIssues(ref: string, doc: LocatedDocument, file: string, scenario: CompiledScenario): InputIssue[] {
  const planFile = resolve(dirname(file), ref);
  return issuesOf(() => loadPlan(planFile, scenario)).map((issue) =>
    issue.line === undefined && issue.path === '' && issue.file === planFile ? doc.issue('/plan', `the plan '${ref}' cannot be read: ${planFile} ${issue.message}`) : issue,
  );
}

/**
 * Plan semantics need a region and a scenario (zone tags, gauges, teams, channels, the start for `at`
 * instants): with --scenario the plan (and its `extends` chain) is compiled against it; without, only the
 * chain's structure is checked and a note says so.
 */
function checkPlan(_value: unknown, doc: LocatedDocument, context: CheckContext): InputIssue[] {
  const file = doc.file;
  if (file === undefined) return [];
  if (context.options.scenario === undefined) {
    context.note('structure only: zone tags, gauges, teams and channels are checked when a scenario is given (--scenario <file>)');
    return issuesOf(() => loadPlanDocs(file));
  }
  return issuesOf(() => loadPlan(file, context.scenario()));
}

/** The document kinds with their semantic checks; tests may push stand-ins. */
export const documentKinds: DocumentKind[] = [
  { kind: 'scenario', schema: ScenarioSchema, check: checkScenario },
  { kind: 'plan', schema: PlanSchema, check: checkPlan },
];

/** --scenario compiled once per options object (or its InputError, rethrown for every plan). */
const compiledScenarios = new WeakMap<ValidateOptions, { scenario: CompiledScenario } | { error: InputError }>();

function contextFor(options: ValidateOptions, notes: string[]): CheckContext {
  return {
    options,
    note: (message) => notes.push(message),
    scenario() {
      const file = options.scenario;
      if (file === undefined) throw new Error('CheckContext.scenario: no --scenario given');
      let entry = compiledScenarios.get(options);
      if (entry === undefined) {
        try {
          const { value, doc, file: path } = loadScenarioDoc(resolve(file));
          entry = { scenario: loadScenario(path, scenarioRegion(value, doc, path)) };
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          entry = { error: err };
        }
        compiledScenarios.set(options, entry);
      }
      if ('error' in entry) throw entry.error;
      return entry.scenario;
    },
  };
}

const YAML_EXTENSIONS = ['.yaml', '.yml'];

function knownKindsText(): string {
  return `${documentKinds.map((k) => k.kind).join(', ')} (YAML or JSON), or ${[...REGION_DATA_KINDS, 'region-network'].join(', ')} (JSON)`;
}

/** Validate a document against the schema its `kind` names. */
export function validateDocument(doc: LocatedDocument, path: string, options: ValidateOptions = {}): ValidationReport {
  const kind = documentKind(doc);
  const spec = documentKinds.find((k) => k.kind === kind);
  if (spec === undefined) {
    const isMapping = doc.value !== null && typeof doc.value === 'object' && !Array.isArray(doc.value);
    const message = !isMapping
      ? `expected a mapping with drillsim: 1 and a kind (${knownKindsText()})`
      : kind === undefined
        ? `missing 'kind': say what this document is: ${knownKindsText()}`
        : `unknown kind '${kind}': expected ${knownKindsText()}`;
    throw new InputError([doc.issue(isMapping ? '/kind' : '', message)]);
  }
  const value = checkDocument(doc, spec.schema);
  const notes: string[] = [];
  const problems = spec.check?.(value, doc, contextFor(options, notes)) ?? [];
  const errors = problems.filter((p) => p.severity !== 'warning');
  if (errors.length > 0) throw new InputError(problems);
  const id = (value as { id?: unknown }).id;
  const summary = `${spec.kind}${typeof id === 'string' ? ` '${id}'` : ''}`;
  return { summary, warnings: problems, okLine: `ok: ${path} (${summary})`, ...(notes.length > 0 ? { notes } : {}) };
}

/** A scenario, plan or other registered kind, in YAML (.yaml, .yml) or JSON with a registered kind. */
export const documentValidator: FileValidator = {
  kind: 'scenario or plan file',
  matches: (t) =>
    !t.isDirectory && (YAML_EXTENSIONS.includes(t.ext) || (t.ext === '.json' && documentKinds.some((k) => k.kind === t.jsonKind()))),
  validate: (t, options) => validateDocument(t.readYaml(), t.path, options),
};

/** Tried in order; the first match validates. Extend by pushing. */
export const validators: FileValidator[] = [regionValidator, regionDirectoryValidator, regionNetworkValidator, regionDataFileValidator, documentValidator];

/** Validate a path: returns the report, or throws InputError. */
export function validatePath(arg: string, options: ValidateOptions = {}): ValidationReport & { kind: string; path: string } {
  const target = new ValidateTarget(arg);
  for (const v of validators) {
    if (v.matches(target)) return { ...v.validate(target, options), kind: v.kind, path: target.path };
  }
  throw new InputError([
    {
      path: '',
      file: target.path,
      message: `cannot tell what to validate: expected ${validators.map((v) => `a ${v.kind}`).join(' or ')} (a JSON file needs a "kind": ${knownKindsText()})`,
    },
  ]);
}

/**
 * A directory that holds no region (no region.json, no network.json) but YAML files stands for those
 * files, so `drillsim validate scenarios/plans` checks every plan. Anything else stays as given.
 */
export function expandPaths(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    const dir = resolve(arg);
    let yamlFiles: string[] = [];
    try {
      if (statSync(dir).isDirectory() && !existsSync(join(dir, 'region.json')) && !existsSync(join(dir, NETWORK_FILE))) {
        yamlFiles = readdirSync(dir)
          .filter((name) => YAML_EXTENSIONS.includes(extname(name).toLowerCase()))
          .sort()
          .map((name) => join(arg, name));
      }
    } catch {
      // Not a directory we can list: validatePath reports it.
    }
    out.push(...(yamlFiles.length > 0 ? yamlFiles : [arg]));
  }
  return out;
}

export function register(program: Command): void {
  program
    .command('validate')
    .description(commandDescription('validate'))
    .argument('<paths...>', 'scenario or plan files (YAML/JSON), region directories or region files')
    .option('--scenario <file>', 'compile plans against this scenario (checks zone tags, gauges, teams, channels)')
    .action((args: string[], opts: { scenario?: string }) => {
      const options: ValidateOptions = opts.scenario !== undefined ? { scenario: opts.scenario } : {};
      // Every path is checked and reported; the command fails (exit 2) if any is invalid.
      const problems: InputIssue[] = [];
      const seen = new Set<string>();
      // Notes (what was not checked) are said once per run, not once per file.
      const notes = new Map<string, string[]>();
      for (const arg of expandPaths(args)) {
        let report: ReturnType<typeof validatePath>;
        try {
          report = validatePath(arg, options);
        } catch (err) {
          if (err instanceof InputError) {
            // A bad --scenario fails every plan checked against it: report its problems once.
            for (const issue of err.issues) {
              const key = formatIssues([issue]);
              if (!seen.has(key)) {
                seen.add(key);
                problems.push(issue);
              }
            }
            continue;
          }
          throw err;
        }
        for (const note of report.notes ?? []) notes.set(note, [...(notes.get(note) ?? []), report.path]);
        if (report.warnings.length > 0) process.stderr.write(`${formatIssues(report.warnings)}\n`);
        const w = report.warnings.length;
        const note = w > 0 ? ` (${w} warning${w === 1 ? '' : 's'})` : '';
        process.stdout.write(`${report.okLine ?? `ok: ${report.path}: ${report.summary}`}${note}\n`);
      }
      for (const [note, paths] of notes) {
        process.stderr.write(`note: ${paths.length === 1 ? paths[0]! : `${paths.length} files`}: ${note}\n`);
      }
      if (problems.length > 0) throw new InputError(problems);
    });
}
