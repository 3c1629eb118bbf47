/**
 * `drillsim serve [--port 8080] [--host 127.0.0.1] [--data ./drillsim-data] [--redis <url> [--queue q]] [--workers N]
 * [--auth auto|required] [--cors <origin>]... [--allowed-host <name>]... [--allowed-origin <origin>]...
 * [--max-batches N] [--max-replications N] [--slice <duration>] [--rate-limit N]`: the HTTP API (api/http). Prints one line,
 * `drillsim: listening on http://host:port`, on stdout once it accepts connections (logs go to stderr), and
 * runs until SIGINT or SIGTERM, which close it gracefully: running batches stop after their current chunk
 * is saved and resume at the next start.
 *
 * Tokens are required whenever the host is not loopback (and with --auth required); the server then
 * refuses to start unless the data directory holds an admin or author token (`drillsim token create`),
 * since nobody could use it otherwise.
 *
 * The site check (api/http/site.ts) and the per-token quotas (api/http/batches/service.ts) are set here:
 * `--allowed-host` names a host name clients use besides the bound address (a reverse proxy's, a LAN name),
 * `--allowed-origin` a web origin whose pages may change state without CORS (a UI behind a proxy on
 * another origin); `--max-batches`, `--max-replications` and `--slice` are the quotas and the fair queue's
 * time slice. Each value is checked before the server starts: a bad one is exit 2 naming the option.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { commandDescription } from '../commands.js';
import { createServer, StartupError, type ServerOptions } from '../../http/server.js';
import { CliError, EXIT_BAD_INPUT, EXIT_FAILURE } from '../exit.js';
import { DEFAULT_QUOTAS } from '../../http/batches/service.js';
import { MAX_REPLICATIONS } from '../../../models/schema/limits.js';
import { collect, DEFAULT_DATA_DIR, parseCount, parseDuration } from '../options.js';

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
  allowedHost?: string[];
  allowedOrigin?: string[];
  maxBatches?: string;
  maxReplications?: string;
  slice?: string;
  rateLimit?: string;
  regionMaxBytes?: string;
  log: string;
}

/** Values of a repeatable option that may also be comma-separated. */
function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((c) => c.split(',')).map((c) => c.trim()).filter((c) => c !== '');
}

/** A host name or address as `Host` carries it (a port is allowed and ignored): no scheme, path or spaces. */
export function parseAllowedHost(text: string): string {
  const t = text.trim().toLowerCase();
  const name = /^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(t) || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?(:\d{1,5})?$/.test(t);
  if (!name || t.length > 253) {
    throw new CliError(`--allowed-host must be a host name or address such as drills.example.org or 192.168.1.20 (no scheme or path), got '${text}'`, EXIT_BAD_INPUT);
  }
  return t;
}

/**
 * A web origin, as browsers send it in `Origin`: http or https, a host, an optional port, nothing else;
 * '*' (every origin) only where `star` is true (--cors).
 */
export function parseOrigin(option: string, text: string, star: boolean): string {
  const t = text.trim();
  if (star && t === '*') return t;
  let url: URL | undefined;
  try {
    url = new URL(t);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '' || url.hostname === '') {
    throw new CliError(`${option} must be an origin such as https://drills.example.org or http://localhost:5173 (scheme, host and port only${star ? ", or '*'" : ''}), got '${text}'`, EXIT_BAD_INPUT);
  }
  return url.origin;
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
  const cors = list(opts.cors).map((c) => parseOrigin('--cors', c, true));
  const allowedHosts = list(opts.allowedHost).map(parseAllowedHost);
  const allowedOrigins = list(opts.allowedOrigin).map((o) => parseOrigin('--allowed-origin', o, false));
  const quotas = {
    ...(opts.maxBatches !== undefined ? { maxActiveBatches: parseCount('--max-batches', opts.maxBatches, 1, 10_000) } : {}),
    ...(opts.maxReplications !== undefined ? { maxActiveReplications: parseCount('--max-replications', opts.maxReplications, 1, 100 * MAX_REPLICATIONS) } : {}),
    ...(opts.slice !== undefined ? { sliceMs: parseDuration('--slice', opts.slice) } : {}),
  };
  return {
    port: parsePort(opts.port),
    host: opts.host,
    dataDir: resolve(opts.data),
    auth: opts.auth,
    ...(opts.redis !== undefined ? { redis: opts.redis } : {}),
    ...(opts.queue !== undefined ? { queue: opts.queue } : {}),
    ...(opts.workers !== undefined ? { defaultWorkers: parseCount('--workers', opts.workers, 1, 1024) } : {}),
    ...(cors.length > 0 ? { cors } : {}),
    ...(allowedHosts.length > 0 ? { allowedHosts } : {}),
    ...(allowedOrigins.length > 0 ? { allowedOrigins } : {}),
    ...(Object.keys(quotas).length > 0 ? { quotas } : {}),
    ...(opts.rateLimit !== undefined
      ? { rateLimit: opts.rateLimit === '0' ? false : { max: parseCount('--rate-limit', opts.rateLimit, 0, 10_000_000), timeWindowMs: 60_000 } }
      : {}),
    ...(opts.regionMaxBytes !== undefined ? { regionMaxBytes: parseCount('--region-max-bytes', opts.regionMaxBytes, 1, Number.MAX_SAFE_INTEGER) } : {}),
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
    .description(commandDescription('serve'))
    .option('--port <n>', 'TCP port (0: any free port)', String(DEFAULT_PORT))
    .option('--host <host>', 'address to bind; anything but loopback requires tokens', DEFAULT_HOST)
    .option('--data <dir>', 'data directory (SQLite database, stored regions)', DEFAULT_DATA_DIR)
    .option('--redis <url>', 'run batches on `drillsim worker` processes through this Redis')
    .option('--queue <name>', 'the queue name with --redis (as given to `drillsim worker --queue`)')
    .option('--workers <n>', 'worker threads per batch when a request does not say (default: the number of cores)')
    .option('--auth <mode>', 'auto (tokens unless loopback) or required', 'auto')
    .option('--cors <origin>', 'allow browser calls from this origin, with CORS headers (repeatable; none by default)', collect)
    .option('--allowed-host <name>', 'a host name clients use besides the bound address, e.g. a reverse proxy\'s (repeatable; turns the Host check on for any bind)', collect)
    .option('--allowed-origin <origin>', 'a web origin whose pages may change state (POST, PUT, DELETE) without CORS, e.g. the UI behind a proxy (repeatable)', collect)
    .option('--max-batches <n>', `batches one token may have queued or running at once (default ${DEFAULT_QUOTAS.maxActiveBatches})`)
    .option('--max-replications <n>', `replications one token may have queued or running at once (default ${DEFAULT_QUOTAS.maxActiveReplications.toLocaleString('en-US')})`)
    .option('--slice <duration>', `how long a batch runs while another token's batch waits before it yields its turn, e.g. 30s or 5m (default ${DEFAULT_QUOTAS.sliceMs / 1000}s)`)
    .option('--rate-limit <n>', 'requests per minute per client address (0: no limit; default 1200)')
    .option('--region-max-bytes <n>', 'largest region upload in bytes; from 1 MiB on uploads are streamed to disk (default DRILLSIM_REGION_MAX_BYTES, else 536870912 = 512 MiB)')
    .option('--log <level>', 'log level on stderr: fatal, error, warn, info, debug, silent', 'info')
    .action(async (opts: ServeOptions) => {
      await serve(opts);
    });
}
