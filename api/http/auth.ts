/**
 * Bearer tokens and roles. Each route declares the role it needs in its config (`config: { role }`):
 * viewer reads, author writes documents and runs batches, admin manages tokens.
 *
 * When tokens are required (always when the server listens on anything but loopback, or with
 * `--auth required`), a request without a valid token gets 401 and one whose role is too low gets 403. On
 * loopback without `--auth required`, the local user is trusted and a request without a token acts as
 * admin; a token that is sent is still checked (a wrong token is a 401, never silently ignored).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';
import { roleAllows, type Role, type TokenInfo, type TokenStore } from './storage/tokens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role that may call this route; routes without one are public (docs, health). */
    role?: Role;
    /** The body is a scenario/plan/region document: the JSON parser keeps the text for the document loader. */
    documentBody?: boolean;
    /** The body may be a drill log in text/csv (kept as text, like documentBody). */
    drillLog?: boolean;
  }
  interface FastifyRequest {
    /** The token that authenticated this request, if any. */
    token?: TokenInfo;
    /** The role this request acts with. */
    role?: Role;
  }
}

export type AuthMode = 'required' | 'local-trust';

/** Is this a loopback host name or address (127.0.0.0/8, ::1, localhost)? */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

function bearer(request: FastifyRequest): string | undefined | null {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m === null ? null : m[1]!;
}

export function authHook(tokens: TokenStore, mode: AuthMode) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const need = request.routeOptions.config?.role;
    if (need === undefined) return;
    const presented = bearer(request);
    if (presented === null) {
      void reply.header('www-authenticate', 'Bearer');
      throw new ApiError(401, 'unauthorized', "the Authorization header must be 'Bearer <token>'");
    }
    if (presented === undefined) {
      if (mode === 'local-trust') {
        request.role = 'admin';
        return;
      }
      void reply.header('www-authenticate', 'Bearer');
      throw new ApiError(401, 'unauthorized', "this server requires a token: send 'Authorization: Bearer <token>' (create one with `drillsim token create`)");
    }
    const token = tokens.verify(presented);
    if (token === undefined) {
      void reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw new ApiError(401, 'unauthorized', 'the token is not valid (unknown, malformed or revoked)');
    }
    request.token = token;
    request.role = token.role;
    if (!roleAllows(token.role, need)) {
      throw new ApiError(403, 'forbidden', `this needs the ${need} role; the token has the ${token.role} role`);
    }
  };
}
