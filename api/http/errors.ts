/**
 * One error shape for every client mistake: `{ error, message, details: [{ path, message, line?, column? }] }`
 * with a 4xx status. `error` is a stable machine-readable code, `message` a sentence for people, and
 * `details` the located problems (JSON pointers into the request part or the document). A 500 means a bug:
 * it is logged with its stack and answered with a generic message, never with the stack.
 */
import { STATUS_CODES as HTTP_STATUS_TEXT } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { InputError, type InputIssue } from '../../engine/errors.js';

export interface ErrorDetail {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export interface ErrorBody {
  error: string;
  message: string;
  details: ErrorDetail[];
}

/** A deliberate HTTP error (404, 409, 403, ...) raised by a handler. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  constructor(statusCode: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
  }
}

export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

/** Bad request syntax or shape (400), as opposed to a well-formed document with invalid content (422). */
export class RequestInputError extends InputError {
  readonly statusCode = 400;
  readonly part: RequestPart;
  constructor(part: RequestPart, issues: InputIssue[]) {
    super(issues);
    this.part = part;
  }
}

export function toDetails(issues: readonly InputIssue[]): ErrorDetail[] {
  return issues
    .filter((i) => i.severity !== 'warning')
    .map((i) => ({
      path: i.path,
      message: i.message,
      ...(i.line !== undefined ? { line: i.line } : {}),
      ...(i.column !== undefined ? { column: i.column } : {}),
    }));
}

export function notFound(what: string): ApiError {
  return new ApiError(404, 'not-found', `${what} does not exist`);
}

const PART_NAMES: Record<RequestPart, string> = { body: 'request body', querystring: 'query string', params: 'URL path', headers: 'request headers' };

/** Codes for framework errors that reach the handler with a 4xx status. */
const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad-request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad-request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad-request',
  FST_ERR_BAD_URL: 'bad-request',
  FST_ERR_MAX_PARAM_LENGTH: 'uri-too-long',
  FST_ERR_ASYNC_CONSTRAINT: 'bad-request',
};

const STATUS_CODES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'request-timeout',
  409: 'conflict',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  421: 'misdirected-request',
  422: 'invalid-document',
  429: 'rate-limited',
  431: 'headers-too-large',
  503: 'unavailable',
};

/** Map anything thrown to a status and an ErrorBody; `internal` is true for bugs (5xx). */
export function describeError(err: unknown): { status: number; body: ErrorBody; internal: boolean } {
  if (err instanceof ApiError) return { status: err.statusCode, body: { error: err.code, message: err.message, details: err.details }, internal: false };
  if (err instanceof RequestInputError) {
    const details = toDetails(err.issues);
    return {
      status: 400,
      body: { error: 'invalid-request', message: `the ${PART_NAMES[err.part]} is invalid: ${details[0]?.message ?? 'see details'}`, details },
      internal: false,
    };
  }
  if (err instanceof InputError) {
    const details = toDetails(err.issues);
    const first = details[0];
    const where = first === undefined ? '' : first.line !== undefined ? ` (line ${first.line}${first.path !== '' ? `, ${first.path}` : ''})` : first.path !== '' ? ` (${first.path})` : '';
    return {
      status: 422,
      body: {
        error: 'invalid-document',
        message: `${details.length === 1 ? 'the document has a problem' : `the document has ${details.length} problems`}: ${first?.message ?? 'see details'}${where}`,
        details,
      },
      internal: false,
    };
  }
  const e = err as Partial<FastifyError> & { statusCode?: unknown; message?: unknown };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = (typeof e.code === 'string' ? FRAMEWORK_CODES[e.code] : undefined) ?? STATUS_CODES[status] ?? 'bad-request';
    const message = typeof e.message === 'string' && e.message !== '' ? e.message : code;
    const details: ErrorDetail[] = [];
    if (status === 415) details.push({ path: '/headers/content-type', message: 'send application/json (or, for documents, application/yaml)' });
    if (status === 413) details.push({ path: '', message });
    // fastify's message quotes the whole over-long path back; say what the limit is instead.
    if (e.code === 'FST_ERR_MAX_PARAM_LENGTH') {
      return { status, body: { error: code, message: 'a path segment (an id) is too long: at most 200 characters', details: [{ path: '/params', message: 'at most 200 characters' }] }, internal: false };
    }
    return { status, body: { error: code, message, details }, internal: false };
  }
  return { status: 500, body: { error: 'internal', message: 'internal server error: this is a bug in drillsim; the server log has the details', details: [] }, internal: true };
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body, internal } = describeError(err);
  if (internal) request.log.error({ err }, 'unhandled error');
  else if (status === 401 || status === 403) request.log.info({ status, code: body.error }, 'refused');
  void reply.code(status).type('application/json; charset=utf-8').send(body);
}

/**
 * Errors Node's HTTP parser raises before there is a request (fastify's `clientErrorHandler`): headers over
 * Node's 16 KiB (431), a malformed or contradictory Content-Length or Transfer-Encoding, a bad request
 * line (400), a request that took too long to arrive (408). Node and fastify would answer these with
 * their own bodies; the API answers them in its shape, then closes the connection (the byte stream can
 * no longer be trusted to be at a request boundary).
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let body: ErrorBody;
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    body = { error: 'headers-too-large', message: 'the request headers are too large (at most 16 KiB in all, the URL included)', details: [{ path: '/headers', message: 'at most 16 KiB' }] };
  } else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    body = { error: 'request-timeout', message: 'the request did not arrive in time', details: [] };
  } else if (err.code === 'HPE_INVALID_CONTENT_LENGTH' || err.code === 'HPE_UNEXPECTED_CONTENT_LENGTH') {
    body = { error: 'bad-request', message: 'the Content-Length header is invalid (not a number, repeated with different values, or sent with Transfer-Encoding)', details: [{ path: '/headers/content-length', message: 'invalid' }] };
  } else {
    body = { error: 'bad-request', message: `the request is not valid HTTP${err.code !== undefined && err.code.startsWith('HPE_') ? ` (${err.code.slice(4).toLowerCase().replace(/_/g, ' ')})` : ''}`, details: [] };
  }
  if (socket.writable) {
    const text = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${status} ${HTTP_STATUS_TEXT[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(err);
}
