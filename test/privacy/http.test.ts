// Which answers are revealed: a route marked `personalData` on the way out, as an object or as
// JSON it serialised itself; an unmarked route skips that walk, yet no envelope leaves it either
// (the backstop reveals it, and the log names the route to mark); a leaf's text stays as it is.

import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/ledger.js';
import { seal } from '../../src/privacy/envelope.js';
import { personalDataRoutes } from '../../src/privacy/http.js';
import type { SubjectKeys } from '../../src/privacy/key-store.js';

const key = randomBytes(32);
const keys = { keysToOpen: async (ids: Iterable<string>) => new Map([...ids].map((id) => [id, key])) } as unknown as SubjectKeys;
const page = () => ({ events: [{ type: 'FeedbackReceived', organisation: 'halton', data: { text: seal('words', key, { subjectId: 'person-1', context: 'feedback/a/f/text' }) } }] });
const revealed = { events: [{ type: 'FeedbackReceived', organisation: 'halton', data: { text: 'words' } }] };

let app: FastifyInstance;
const warnings: unknown[] = [];

async function given(routes: (app: FastifyInstance) => void): Promise<FastifyInstance> {
  app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => warnings.push(JSON.parse(line)) } } });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = { id: 'auditor-1', role: 'auditor', organisationId: null, credentialId: null };
  });
  personalDataRoutes(app, { ledger: {} as Ledger, keys });
  routes(app);
  await app.ready();
  return app;
}

afterEach(async () => {
  warnings.length = 0;
  await app?.close();
});

describe('personal data over HTTP', () => {
  it('reveals the answers of a route marked personalData, as an object or as its own JSON', async () => {
    await given((app) => {
      app.get('/object', { config: { personalData: true } }, async () => page());
      app.get('/own-json', { config: { personalData: true } }, async (_request, reply) => reply.type('application/json').send(JSON.stringify(page())));
    });
    for (const url of ['/object', '/own-json']) expect((await app.inject({ url })).json()).toEqual(revealed);
    expect(warnings).toEqual([]);
  });

  it('sends no envelope from a route that forgot the mark: the backstop reveals it and the log names the route', async () => {
    await given((app) => app.get('/unmarked', async () => page()));
    const answer = await app.inject({ url: '/unmarked' });
    expect(answer.json()).toEqual(revealed);
    expect(answer.body).not.toContain('aes-256-gcm');
    expect(warnings).toMatchObject([{ route: '/unmarked' }]);
  });

  it('leaves an answer alone when the version string is only inside a text (an inclusion proof’s leaf)', async () => {
    const proof = { leaf: JSON.stringify(page()), leafIndex: 0 };
    await given((app) => app.get('/proof', async () => proof));
    const answer = await app.inject({ url: '/proof' });
    expect(answer.body).toBe(JSON.stringify(proof));
    expect(warnings).toEqual([]);
  });
});
