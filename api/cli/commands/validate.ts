/**
 * `drillsim validate <path>`: check a file or a region directory and exit 0 (valid; warnings on stderr)
 * or 2 with located errors. What is checked depends on what the path is: the `validators` list below is
 * tried in order and the first that recognises the target validates it: a full region directory
 * (region.json: network, zones and assets with their cross-references, models/region), a directory with
 * only network.json, a network file, or one region data file. Scenario and plan validators (YAML) join
 * the list later. A bare name that is no local path is looked up among the built-in regions.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { formatIssues, InputError, type InputIssue } from '../../../engine/errors.js';
import { parseJsonText, type ParsedJson } from '../../../engine/network/json-source.js';
import { validateRegionNetwork } from '../../../engine/network/load.js';
import { REGION_DATA_KINDS, validateRegionDataFile, validateRegionDirectory } from '../../../models/region/load.js';
import { NETWORK_FILE } from '../load.js';
import { builtinRegionsDir } from '../paths.js';

/** What is being validated, with lazily read contents. */
export class ValidateTarget {
  readonly path: string;
  readonly isDirectory: boolean;
  readonly ext: string;
  private text: string | undefined;
  private json: ParsedJson | undefined;

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
      try {
        this.text = readFileSync(this.path, 'utf8');
      } catch (err) {
        throw new InputError([{ path: '', file: this.path, message: `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})` }]);
      }
    }
    return this.text;
  }

  /** Parsed JSON (syntax errors throw a located InputError). */
  readJson(): ParsedJson {
    this.json ??= parseJsonText(this.readText(), this.path);
    return this.json;
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
}

export interface FileValidator {
  /** Short name shown in messages ("region directory", "region network"). */
  kind: string;
  matches(target: ValidateTarget): boolean;
  /** Throws InputError on errors. */
  validate(target: ValidateTarget): ValidationReport;
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
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new InputError([{ path: '', file: t.path, message: `a region directory must contain ${NETWORK_FILE}` }]);
    }
    // zones.json and assets.json are validated by models/schema; their checks are added here by that module.
    return validateNetworkJson(parseJsonText(text, file), file);
  },
};

export const regionNetworkValidator: FileValidator = {
  kind: 'region network',
  matches: (t) => !t.isDirectory && t.ext === '.json' && (t.jsonKind() === 'region-network' || basename(t.path) === NETWORK_FILE),
  validate: (t) => validateNetworkJson(t.readJson(), t.path),
};

/** Tried in order; the first match validates. Extend by pushing (scenario and plan validators). */
export const validators: FileValidator[] = [regionValidator, regionDirectoryValidator, regionNetworkValidator, regionDataFileValidator];

/** Validate a path: returns the report, or throws InputError. */
export function validatePath(arg: string): ValidationReport & { kind: string; path: string } {
  const target = new ValidateTarget(arg);
  for (const v of validators) {
    if (v.matches(target)) return { ...v.validate(target), kind: v.kind, path: target.path };
  }
  throw new InputError([
    {
      path: '',
      file: target.path,
      message: `cannot tell what to validate: expected ${validators.map((v) => `a ${v.kind}`).join(' or ')} (a JSON file needs "kind": "region-network")`,
    },
  ]);
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('check a region directory or file; exit 0 if valid, 2 with located errors')
    .argument('<path>', 'region directory or file')
    .action((arg: string) => {
      const report = validatePath(arg);
      if (report.warnings.length > 0) process.stderr.write(`${formatIssues(report.warnings)}\n`);
      const w = report.warnings.length;
      process.stdout.write(`ok: ${report.path}: ${report.summary}${w > 0 ? ` (${w} warning${w === 1 ? '' : 's'})` : ''}\n`);
    });
}
