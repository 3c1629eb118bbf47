/**
 * `drillsim serve [--port 8080] [--host 127.0.0.1] [--data ./drillsim-data] [--redis <url> [--queue q]] [--workers N]
 * [--auth auto|required] [--cors <origin>]... [--rate-limit N]`: the HTTP API (api/http). Prints one line,
 * `drillsim: listening on http://host:port`, on stdout once it accepts connections (logs go to stderr), and
 * runs until SIGINT or SIGTERM, which close it gracefully: running batches stop after their current chunk
 * is saved and resume at the next start.
 *
 * Tokens are required whenever the host is not loopback (and with --auth required); the server then
 * refuses to start unless the data directory holds an admin or author token (`drillsim token create`),
 * since nobody could use it otherwise.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createServer, StartupError, type ServerOptions } from '../../http/server.js';
import { CliError, EXIT_BAD_INPUT, EXIT_FAILURE } from '../exit.js';
import { collect, DEFAULT_DATA_DIR, parseCount } from '../options.js';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

interface ServeOptions {
  port: string;
  host: string;
  data: string;
  redis?: string;
  queue?: string;
  workers?: string;
  auth: string;
  cors?: string[];
  rateLimit?: string;
  log: string;
}

function parsePort(text: string): number {
  const t = text.trim();
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new CliError(`--port must be a whole number from 0 to 65535, got '${text}'`, EXIT_BAD_INPUT);
  return n;
}

export function serverOptionsFrom(opts: ServeOptions): ServerOptions & { port: number } {
  if (opts.auth !== 'auto' && opts.auth !== 'required') throw new CliError(`--auth must be auto or required, got '${opts.auth}'`, EXIT_BAD_INPUT);
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'];
  if (!levels.includes(opts.log)) throw new CliError(`--log must be one of ${levels.join(', ')}, got '${opts.log}'`, EXIT_BAD_INPUT);
  const cors = (opts.cors ?? []).flatMap((c) => c.split(',')).map((c) => c.trim()).filter((c) => c !== '');
  return {
    port: parsePort(opts.port),
    host: opts.host,
    dataDir: resolve(opts.data),
    auth: opts.auth,
    ...(opts.redis !== undefined ? { redis: opts.redis } : {}),
    ...(opts.queue !== undefined ? { queue: opts.queue } : {}),
    ...(opts.workers !== undefined ? { defaultWorkers: parseCount('--workers', opts.workers, 1, 1024) } : {}),
    ...(cors.length > 0 ? { cors } : {}),
    ...(opts.rateLimit !== undefined
      ? { rateLimit: opts.rateLimit === '0' ? false : { max: parseCount('--rate-limit', opts.rateLimit, 0, 10_000_000), timeWindowMs: 60_000 } }
      : {}),
    logger: opts.log === 'silent' ? false : { level: opts.log, stream: process.stderr },
  };
}

export async function serve(opts: ServeOptions): Promise<void> {
  const { port, ...options } = serverOptionsFrom(opts);
  let server;
  try {
    server = await createServer(options);
  } catch (err) {
    if (err instanceof StartupError) throw new CliError(err.message, EXIT_FAILURE);
    throw err;
  }
  const { app } = server;
  try {
    await app.listen({ port, host: opts.host });
  } catch (err) {
    await app.close();
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot listen on ${opts.host}:${port}${code !== undefined ? ` (${code})` : ''}`, EXIT_FAILURE);
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  process.stdout.write(
    `drillsim: listening on http://${shownHost}:${actualPort} (data ${options.dataDir}; tokens ${server.authMode === 'required' ? 'required' : 'optional on loopback'}; docs at /docs)\n`,
  );
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      app.close().then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API (OpenAPI docs at /docs)')
    .option('--port <n>', 'TCP port (0: any free port)', String(DEFAULT_PORT))
    .option('--host <host>', 'address to bind; anything but loopback requires tokens', DEFAULT_HOST)
    .option('--data <dir>', 'data directory (SQLite database, stored regions)', DEFAULT_DATA_DIR)
    .option('--redis <url>', 'run batches on `drillsim worker` processes through this Redis')
    .option('--queue <name>', 'the queue name with --redis (as given to `drillsim worker --queue`)')
    .option('--workers <n>', 'worker threads per batch when a request does not say (default: the number of cores)')
    .option('--auth <mode>', 'auto (tokens unless loopback) or required', 'auto')
    .option('--cors <origin>', 'allow browser calls from this origin (repeatable; none by default)', collect)
    .option('--rate-limit <n>', 'requests per minute per client address (0: no limit; default 1200)')
    .option('--log <level>', 'log level on stderr: fatal, error, warn, info, debug, silent', 'info')
    .action(async (opts: ServeOptions) => {
      await serve(opts);
    });
}
