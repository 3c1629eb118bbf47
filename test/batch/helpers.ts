/**
 * Shared set-up for the batch tests: the compiled build (worker processes and the spawned CLI run from
 * dist/), a private redis-server on a free loopback port (or REDIS_URL), `drillsim worker` processes and
 * CLI runs as child processes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'drillsim.js');
export const TINY = fileURLToPath(new URL('../fixtures/batch/tiny-flood.yaml', import.meta.url));
export const LESHAN = join(ROOT, 'scenarios', 'leshan-818-flood.yaml');

const STAMP = join(ROOT, 'dist', '.test-build-stamp');
const LOCK = join(ROOT, 'dist', '.test-build-lock');
const SOURCES = ['engine', 'models', 'api', 'examples'];

function newestSource(): number {
  let newest = Math.max(statSync(join(ROOT, 'tsconfig.json')).mtimeMs, statSync(join(ROOT, 'tsconfig.build.json')).mtimeMs);
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCES) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));
  return newest;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Build dist/ unless it is newer than every source (`npm ci` builds it; this catches edits since). Test
 * files run in parallel, so a lock directory makes one of them build while the others wait.
 */
export async function ensureBuilt(): Promise<void> {
  const fresh = () => existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSource();
  for (let waited = 0; !fresh(); waited += 200) {
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    let locked = false;
    try {
      mkdirSync(LOCK);
      locked = true;
    } catch {
      // Another test file is building; a lock older than two minutes is a crashed build.
      if (waited > 120_000 || Date.now() - statSync(LOCK).mtimeMs > 120_000) rmdirSync(LOCK);
      await sleep(200);
      continue;
    }
    try {
      const started = Date.now();
      const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
      // Errors in files other than ours still emit; the stamp records what was compiled, and when.
      if (!existsSync(join(ROOT, 'dist', 'api', 'cli', 'main.js'))) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
      writeFileSync(STAMP, String(started));
      // Stamped with the start time: a source saved during the build makes the next check rebuild.
      utimesSync(STAMP, started / 1000, started / 1000);
    } finally {
      if (locked) rmdirSync(LOCK);
    }
  }
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolve when `text()` matches, reject after `ms` or when the process exits first. */
export function waitFor(child: ChildProcess, text: () => string, pattern: RegExp, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(check, 25);
    const deadline = setTimeout(() => done(new Error(`timed out after ${ms} ms waiting for ${what}; output so far:\n${text()}`)), ms);
    const onExit = (code: number | null, signal: string | null) => {
      if (!pattern.test(text())) done(new Error(`${what}: the process exited (${code ?? signal}) first; output:\n${text()}`));
    };
    child.once('exit', onExit);
    function check(): void {
      if (pattern.test(text())) done(null);
    }
    function done(err: Error | null): void {
      clearInterval(timer);
      clearTimeout(deadline);
      child.off('exit', onExit);
      if (err === null) resolve();
      else reject(err);
    }
  });
}

export interface RedisHandle {
  url: string;
  stop(): Promise<void>;
}

/**
 * Redis for a test file: REDIS_URL when set, otherwise a private redis-server (no persistence) on a free
 * loopback port, stopped by stop(). No redis-server is a failure with instructions, never a skip: CI
 * installs it (.ci/run).
 */
export async function startRedis(): Promise<RedisHandle> {
  const given = process.env['REDIS_URL'];
  if (given !== undefined && given !== '') return { url: given, stop: async () => {} };
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error('redis-server is not installed: the distributed batch tests need it (apt-get install redis-server; .ci/run does this), or set REDIS_URL');
  }
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(child, () => out, /Ready to accept connections/, 10_000, 'redis-server');
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      await stopChild(child);
    },
  };
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone, true if it had to be killed. */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(false);
  return new Promise((resolve) => {
    let forced = false;
    const kill = setTimeout(() => {
      forced = true;
      child.kill('SIGKILL');
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve(forced);
    });
    child.kill('SIGTERM');
  });
}

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
}

/** Start `drillsim worker` (from dist/) and wait until it says it is ready. */
export async function startWorker(redis: string, queue: string, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    [BIN, 'worker', '--redis', redis, '--queue', queue, '--concurrency', '1', '--lock-duration', '2000', '--stalled-interval', '500', '--verbose'],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(child, () => out, /drillsim worker: ready/, 20_000, 'drillsim worker');
  return { child, output: () => out };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run the compiled CLI as a child process. */
export function runDist(args: string[], env: Record<string, string> = {}, onStderr?: (text: string, child: ChildProcess) => void): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr?.(stderr, child);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
