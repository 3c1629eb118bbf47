/**
 * The API refuses other sites. On loopback without `--auth required` a request without a token acts as
 * admin, so anything a browser can be made to send there is an admin request:
 *
 *  - DNS rebinding: a page at `evil.example` whose name is re-pointed at 127.0.0.1 talks to this server as
 *    "same origin", with `Host: evil.example:<port>`. The `Host` header is therefore checked against the
 *    names the server is bound to (127.0.0.1, localhost, [::1] and the configured host): 421 otherwise.
 *  - Cross-site requests: a page on any site may POST to http://127.0.0.1:<port> (the browser does not
 *    ask first for "simple" requests) though it cannot read the answer. Every state-changing request that
 *    carries an `Origin` other than the server's own (or one allowed with `--cors`) is refused with 403.
 *  - `text/plain` bodies are one of the kinds a browser sends without asking, so they are not read as
 *    documents (the server registers no parser for them): clients declare application/yaml or json.
 *
 * Bearer tokens are never sent by a browser on its own, so with tokens these checks change nothing for
 * legitimate clients; they are applied in every mode so that behaviour does not depend on the bind address.
 */
import type { FastifyRequest } from 'fastify';
import { isLoopbackHost } from './auth.js';
import { ApiError } from './errors.js';

/** Methods that never change state: no Origin check (a cross-site page cannot read their answers without CORS). */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SiteOptions {
  /** The address the server binds (default 127.0.0.1). */
  host?: string;
  /** More names the server may be reached by (a reverse proxy's, a LAN name). */
  allowedHosts?: readonly string[];
  /** Origins allowed by `--cors` ('*' allows every origin). */
  cors?: readonly string[];
  /** Origins allowed by `--allowed-origin` to change state, without CORS (a web UI behind a proxy). */
  allowedOrigins?: readonly string[];
}

/** The host name of a Host header or URL authority, lowercased, without port, brackets or trailing dot. */
export function hostName(authority: string): string {
  const a = authority.trim().toLowerCase();
  const name = a.startsWith('[') ? a.slice(1, a.indexOf(']') < 0 ? a.length : a.indexOf(']')) : a.split(':')[0]!;
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/**
 * The names `Host` may carry, or null for no check: a server bound to anything but loopback requires
 * tokens, which a rebinding page cannot obtain, and the names its clients use (a LAN name, a proxy's)
 * cannot be known from the address unless `allowedHosts` lists them.
 */
export function allowedHostNames(options: SiteOptions): ReadonlySet<string> | null {
  const bound = hostName(options.host ?? '127.0.0.1');
  const extra = (options.allowedHosts ?? []).map(hostName);
  if (!isLoopbackHost(bound) && extra.length === 0) return null;
  const names = new Set(['127.0.0.1', 'localhost', '::1', ...extra]);
  // '0.0.0.0' and '::' mean every interface: no client addresses the server by them.
  if (bound !== '0.0.0.0' && bound !== '::' && bound !== '') names.add(bound);
  return names;
}

/** An onRequest hook: 421 for a foreign Host, 403 for a cross-site state-changing request. */
export function siteHook(options: SiteOptions) {
  const names = allowedHostNames(options);
  const cors = new Set([...(options.cors ?? []), ...(options.allowedOrigins ?? [])]);
  // Any loopback literal is fine: a rebinding page's Host is its own domain name, never an address.
  const nameAllowed = (name: string): boolean => names === null || names.has(name) || isLoopbackHost(name);

  return async function checkSite(request: FastifyRequest): Promise<void> {
    const host = request.headers.host;
    // HTTP/1.1 clients must send Host (Node refuses requests without it); an HTTP/1.0 client without one
    // is not a browser, so there is nothing to check.
    if (host !== undefined && !nameAllowed(hostName(host))) {
      throw new ApiError(421, 'misdirected-request', `this server does not answer to the host name '${hostName(host)}'`, [
        { path: '/headers/host', message: `use ${names === null ? 'the address the server listens on' : [...names].map((n) => (n.includes(':') ? `[${n}]` : n)).join(', ')}` },
      ]);
    }
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin !== undefined) {
      if (cors.has('*') || cors.has(origin)) return;
      if (!sameOrigin(origin, host)) {
        throw new ApiError(403, 'cross-site-request', `requests that change state are refused from another site (Origin ${origin})`, [
          { path: '/headers/origin', message: 'not this server; allow a web application with `drillsim serve --allowed-origin <origin>` (or --cors <origin>)' },
        ]);
      }
      return;
    }
    // Browsers that omit Origin still say where a request comes from; a non-browser client sends neither.
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
      throw new ApiError(403, 'cross-site-request', `requests that change state are refused from another site (Sec-Fetch-Site ${fetchSite})`, [
        { path: '/headers/sec-fetch-site', message: 'not this server' },
      ]);
    }
  };
}

/** Does the Origin name this very server (scheme http, same host and port as the request's Host)? */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined || origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  const [hName, hPort] = splitAuthority(host);
  return hostName(url.host) === hName && (url.port === '' ? defaultPort : url.port) === (hPort ?? defaultPort);
}

function splitAuthority(authority: string): [string, string | undefined] {
  const a = authority.trim().toLowerCase();
  const close = a.startsWith('[') ? a.indexOf(']') : -1;
  const colon = a.indexOf(':', close + 1);
  return [hostName(a), colon < 0 ? undefined : a.slice(colon + 1)];
}
