/** Token management for admins: list (never the secrets), create (the token is shown once), revoke. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/swagger';
import { ApiError } from '../errors.js';
import { CreatedTokenSchema, CreateTokenBody, errorResponses, TokenInfoSchema, TokenParams } from '../schemas.js';
import type { Role, TokenStore } from '../storage/tokens.js';

export function registerTokenRoutes(app: FastifyInstance, tokens: TokenStore): void {
  const tags = ['tokens'];
  app.get(
    '/v1/tokens',
    { config: { role: 'admin' }, schema: { tags, summary: 'List tokens (ids and roles; secrets are never stored)', response: { 200: Type.Object({ items: Type.Array(TokenInfoSchema) }), ...errorResponses() } } },
    async () => ({ items: tokens.list() }),
  );
  app.post<{ Body: { role: Role; label?: string } }>(
    '/v1/tokens',
    { config: { role: 'admin' }, schema: { tags, summary: 'Create a token (shown once in the answer)', body: CreateTokenBody, response: { 201: CreatedTokenSchema, ...errorResponses(413, 415) } } },
    async (request, reply) => reply.code(201).send(tokens.create(request.body.role, request.body.label)),
  );
  app.delete<{ Params: { id: string } }>(
    '/v1/tokens/:id',
    { config: { role: 'admin' }, schema: { tags, summary: 'Revoke a token', params: TokenParams, response: { 204: Type.Null(), ...errorResponses(404) } } },
    async (request, reply) => {
      if (!tokens.revoke(request.params.id)) throw new ApiError(404, 'not-found', `token '${request.params.id}' does not exist`);
      return reply.code(204).send();
    },
  );
}
