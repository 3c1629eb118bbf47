/**
 * A private redis-server that a test can kill and start again ON THE SAME PORT (empty, no persistence):
 * what the Redis fault tests need to play "Redis restarted empty mid-batch". Processes are tracked so
 * that stopAll() leaves none behind whatever the test did.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const running = new Set<ChildProcess>();

export interface RedisServer {
  port: number;
  url: string;
  /** SIGKILL: Redis gone at once, as in a crash. */
  kill(): Promise<void>;
  /** Start it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function launch(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on ${port}:\n${out}`)), 10_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (/Ready to accept connections/.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!/Ready to accept connections/.test(out)) reject(new Error(`redis-server exited (${code}) on ${port}:\n${out}`));
    });
  });
}

function gone(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** No redis-server is a failure with instructions, never a skip: CI installs it (.ci/run). */
export async function startRedisServer(): Promise<RedisServer> {
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) {
    throw new Error('redis-server is not installed: the Redis fault tests need it (apt-get install redis-server; .ci/run does this)');
  }
  const port = await freePort();
  let child = await launch(port);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => gone(child, 'SIGKILL'),
    restart: async () => {
      await gone(child, 'SIGKILL');
      child = await launch(port);
    },
    stop: () => gone(child, 'SIGTERM'),
  };
}

/** Kill every redis-server this module started and that still runs. */
export async function stopAllRedisServers(): Promise<void> {
  await Promise.all([...running].map((c) => gone(c, 'SIGKILL')));
}
