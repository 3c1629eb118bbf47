/**
 * CLI start-up (issue 18), on the compiled CLI as users run it: a command line loads only the module of
 * the command it names (no HTTP server, chart renderer, Redis client or SQLite for `run`), the program's
 * help still lists every command, and `--timings` prints the start-up phases of the main thread and of
 * every worker on stderr without changing what goes to stdout.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Command, CommanderError } from 'commander';
import { COMMANDS, commandNamed, helpTopic } from '../../api/cli/commands.js';
import { buildProgram, programFor, summaryProgram } from '../../api/cli/main.js';
import { ROOT, TINY, ensureBuilt, runDist } from '../batch/helpers.js';

beforeAll(async () => {
  await ensureBuilt();
});

/** The npm packages a fresh process has loaded after running `main(args)` of the compiled CLI. */
function packagesLoadedBy(args: string[]): { packages: Set<string>; stdout: string } {
  const main = pathToFileURL(join(ROOT, 'dist', 'api', 'cli', 'main.js')).href;
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import(${JSON.stringify(main)});
    const out = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk) => (out.push(String(chunk)), true);
    await main(['node', 'drillsim', ...${JSON.stringify(args)}]);
    process.stdout.write = write;
    // CommonJS packages imported from ESM go through the CommonJS loader, whose cache lists their files.
    const files = Object.keys(createRequire(import.meta.url).cache);
    write(JSON.stringify({ files, stdout: out.join('') }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const { files, stdout } = JSON.parse(r.stdout) as { files: string[]; stdout: string };
  return { packages: packagesOf(files), stdout };
}

/** The npm packages the given module files belong to. */
function packagesOf(files: readonly string[]): Set<string> {
  const packages = new Set<string>();
  for (const f of files) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f);
    if (m !== null) packages.add(m[1]!);
  }
  return packages;
}

/** The CommonJS packages a fresh process has loaded after importing one compiled module. */
function packagesImportedBy(module: string): Set<string> {
  const href = pathToFileURL(join(ROOT, 'dist', module)).href;
  const script = `
    import { createRequire } from 'node:module';
    await import(${JSON.stringify(href)});
    process.stdout.write(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return packagesOf(JSON.parse(r.stdout) as string[]);
}

const NOT_FOR_RUN = ['fastify', 'vega', 'vega-lite', 'ioredis', 'bullmq', 'better-sqlite3', 'playwright-core', '@stdlib/stats-base-dists-t-quantile'];

describe('lazy command modules', () => {
  it('finds the command a command line names, past program options', () => {
    expect(commandNamed(['run', 'x.yaml'])?.name).toBe('run');
    expect(commandNamed(['--timings', 'serve', '--port', '1'])?.name).toBe('serve');
    expect(commandNamed(['--help'])).toBeUndefined();
    expect(commandNamed(['help', 'run'])).toBeUndefined();
  });

  it('`run --help` loads none of the server, chart, Redis or statistics packages; `serve --help` does load the server', () => {
    const run = packagesLoadedBy(['run', '--help']);
    expect(run.stdout).toMatch(/Usage: drillsim run \[options\] <scenario>/);
    for (const p of NOT_FOR_RUN) expect(run.packages.has(p), p).toBe(false);
    // The probe can see a package when it is loaded: `serve` needs fastify at registration.
    const serve = packagesLoadedBy(['serve', '--help']);
    expect(serve.packages.has('fastify') || serve.packages.size > run.packages.size).toBe(true);
  });

  it("the workers' job modules load no importer: the OSM and XML parsers stay out of every replication thread", () => {
    // A model module that imported the network barrel (engine/network/index.ts) pulled the OSM importer's 18
    // packages into each worker thread, about 0.1 s of its start-up.
    const importers = ['osm-pbf-parser', 'protocol-buffers', 'saxes', 'unbzip2-stream'];
    for (const job of ['score-job', 'paired-job', 'points-job']) {
      const worker = packagesImportedBy(`models/study/${job}.js`);
      for (const p of [...importers, ...NOT_FOR_RUN]) expect(worker.has(p), `${job}: ${p}`).toBe(false);
    }
    // Nor does a whole `run` in one thread (the main thread's model and region loading).
    const run = packagesLoadedBy(['run', TINY, '--replications', '2', '--workers', '1', '--json']);
    expect(run.stdout).toContain('"replications"');
    for (const p of importers) expect(run.packages.has(p), p).toBe(false);
    // The probe does see the packages a module loads.
    expect(packagesImportedBy('engine/network/index.js').has('osm-pbf-parser')).toBe(true);
  });

  it('the program help lists every command of the table, with its description', async () => {
    const program = await buildProgram();
    expect(program.commands.map((c) => c.name())).toEqual(COMMANDS.map((c) => c.name));
    const { stdout, packages } = packagesLoadedBy(['--help']);
    for (const c of program.commands) expect(stdout).toContain(c.name());
    expect(stdout).toContain('--timings');
    // Printed from the command table: no command module, so none of their packages, is loaded.
    expect([...packages].filter((p) => p !== 'commander')).toEqual([]);
  });

  it('a command line naming no command gets, from the summaries, what the fully loaded program prints', async () => {
    /** What a program writes, and its exit code, for a command line (commander throws at exit). */
    const outcome = async (program: Command, args: string[]): Promise<{ text: string; code: number }> => {
      let text = '';
      program.configureOutput({ writeOut: (s) => void (text += s), writeErr: (s) => void (text += s), getOutHelpWidth: () => 100, getErrHelpWidth: () => 100 });
      try {
        await program.parseAsync(['node', 'drillsim', ...args]);
        return { text, code: 0 };
      } catch (err) {
        return { text, code: err instanceof CommanderError ? err.exitCode : -1 };
      }
    };
    const full = await buildProgram();
    for (const args of [['--help'], [], ['help'], ['rn'], ['help', 'nope'], ['--version'], ['--timings']]) {
      const { program, loaded } = await programFor(args);
      expect(loaded, args.join(' ')).toBeUndefined();
      expect(await outcome(program, args), args.join(' ')).toEqual(await outcome(await buildProgram(), args));
    }
    // Each summary is the command's own term (what its options and arguments make) and description.
    const help = full.createHelp();
    const summaries = summaryProgram();
    for (const c of full.commands) {
      const s = summaries.commands.find((x) => x.name() === c.name())!;
      expect([summaries.createHelp().subcommandTerm(s), s.description()]).toEqual([help.subcommandTerm(c), help.subcommandDescription(c)]);
    }
    // `help <command>` loads that command, for its own help.
    expect((await programFor(['help', 'run'])).loaded?.name).toBe('run');
    expect(helpTopic(['--timings', 'help', 'route'])?.name).toBe('route');
  });
});

describe('drillsim --timings', () => {
  it('prints every phase on stderr, main thread and each worker, in time order, and leaves stdout as it is', async () => {
    const args = ['run', TINY, '--replications', '30', '--seed', 'timings', '--workers', '2', '--json'];
    const plain = await runDist(args);
    const timed = await runDist([...args, '--timings']);
    expect(timed.code, timed.stderr).toBe(0);
    expect(timed.stdout).toBe(plain.stdout);
    const rows = timed.stderr
      .split('\n')
      .map((l) => /^\s*(\d+)\s+(\d+)\s+(main|w\d+)\s+(.+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ at: Number(m[1]), thread: m[3]!, phase: m[4]! }));
    const phases = rows.map((r) => r.phase);
    for (const p of ['cli: main entered', "cli: command module 'run' loaded", 'pool: 2 threads started', 'run: model loaded', 'run: scenario and plan loaded and compiled', 'run: first chunk merged', 'run: batch done', 'cli: command done']) {
      expect(phases.some((x) => x.startsWith(p)), p).toBe(true);
    }
    // Both workers report loading the job module and building their runner (from the shared payload).
    const workers = new Set(rows.filter((r) => r.phase === 'worker: chunk runner built').map((r) => r.thread));
    expect(workers.size).toBe(2);
    expect(new Set(rows.filter((r) => r.phase === 'worker: job module loaded').map((r) => r.thread))).toEqual(workers);
    expect(rows.map((r) => r.at)).toEqual([...rows.map((r) => r.at)].sort((a, b) => a - b));
    // A phase cannot come before what it needs.
    const at = (p: string) => rows.find((r) => r.phase.startsWith(p))!.at;
    expect(at('run: model loaded')).toBeLessThanOrEqual(at('run: scenario and plan loaded and compiled'));
    expect(at('run: scenario and plan loaded and compiled')).toBeLessThanOrEqual(at('run: first chunk merged'));
    expect(at('run: first chunk merged')).toBeLessThanOrEqual(at('run: batch done'));
  });
});
