/**
 * The API client: same origin, an optional bearer token (settings; kept in sessionStorage so it leaves
 * with the tab), and the API's error shape `{ error, message, details: [{ path, message, line?, column? }] }`.
 */
export interface ErrorDetail {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[],
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'drillsim.token';

export function token(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function setToken(value: string): void {
  if (value === '') sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, value);
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const t = token();
  return t === '' ? extra : { ...extra, authorization: `Bearer ${t}` };
}

async function failure(res: Response): Promise<ApiFailure> {
  let body: { error?: string; message?: string; details?: ErrorDetail[] } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not the API's shape (a proxy's page): the status says it
  }
  return new ApiFailure(res.status, body.error ?? 'http-error', body.message ?? `${res.status} ${res.statusText}`, body.details ?? []);
}

export async function request(method: string, path: string, body?: { text: string; type: string } | object): Promise<Response> {
  const init: RequestInit = { method, headers: headers() };
  if (body !== undefined) {
    const raw = 'text' in body && 'type' in body && typeof body.text === 'string' ? (body as { text: string; type: string }) : { text: JSON.stringify(body), type: 'application/json' };
    init.body = raw.text;
    init.headers = headers({ 'content-type': raw.type });
  }
  const res = await fetch(path, init);
  if (!res.ok) throw await failure(res);
  return res;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await request('GET', path)).json()) as T;
}

export async function getText(path: string): Promise<string> {
  return (await request('GET', path)).text();
}

export async function send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: { text: string; type: string } | object): Promise<T> {
  const res = await request(method, path, body);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/**
 * Read a server-sent event stream (GET .../events) with fetch, so the token goes in the Authorization header
 * as on every other request (EventSource cannot send headers). Calls `on` per event; resolves when the
 * stream ends; `signal` stops it.
 */
export async function streamEvents(path: string, on: (event: string, data: unknown) => void, signal: AbortSignal): Promise<void> {
  const res = await fetch(path, { headers: headers({ accept: 'text/event-stream' }), signal });
  if (!res.ok || res.body === null) throw await failure(res);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length > 0) on(event, JSON.parse(data.join('\n')) as unknown);
    }
  }
}
