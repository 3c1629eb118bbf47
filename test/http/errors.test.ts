/** A 500 is a bug: logged with its stack, answered with a generic message in the error shape, never the stack. */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { ApiError, describeError, errorHandler, RequestInputError } from '../../api/http/errors.js';

describe('the error handler', () => {
  it('answers an unexpected exception with 500, a generic message and no stack, and logs it', async () => {
    const logged: unknown[] = [];
    const app = Fastify({ logger: { level: 'error', stream: { write: (line: string) => void logged.push(JSON.parse(line)) } } });
    app.setErrorHandler(errorHandler);
    app.get('/boom', async () => {
      throw new TypeError('secret internal detail');
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    const body = JSON.parse(res.body) as { error: string; message: string; details: unknown[] };
    expect(body).toEqual({ error: 'internal', message: expect.stringMatching(/bug/), details: [] });
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toMatch(/at .*:\d+:\d+/);
    expect(JSON.stringify(logged)).toContain('secret internal detail');
    await app.close();
  });

  it('maps input errors to 400 (request) or 422 (document) with located details, and ApiErrors to their status', () => {
    const issue = { path: '/horizon', message: 'not a duration', line: 3, column: 10, file: '/srv/secret/path.yaml' };
    const doc = describeError(new InputError([issue]));
    expect(doc.status).toBe(422);
    expect(doc.body.details).toEqual([{ path: '/horizon', message: 'not a duration', line: 3, column: 10 }]);
    expect(JSON.stringify(doc.body)).not.toContain('/srv/secret');
    expect(describeError(new RequestInputError('body', [issue])).status).toBe(400);
    expect(describeError(new ApiError(409, 'read-only', 'built in'))).toMatchObject({ status: 409, body: { error: 'read-only' }, internal: false });
    expect(describeError({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'Request body is too large' }).body.error).toBe('payload-too-large');
  });
});
