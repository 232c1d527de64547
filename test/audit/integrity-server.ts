// A data directory with a ledger, its server.db, and the integrity routes served over it by a
// fastify instance of their own, with authentication, error handling and OpenAPI as the server
// has them; closed after the test file.

import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { registerAuthentication } from '../../src/api/auth.js';
import { registerErrorHandling } from '../../src/api/errors.js';
import { integrityRoutes } from '../../src/api/routes/integrity.js';
import { openServerDb } from '../../src/api/server-db.js';
import { sqliteLedgerIntegrity } from '../../src/audit/checkpoints/sqlite/checkpoint-store.js';
import type { LedgerIntegrity } from '../../src/audit/integrity/ledger-integrity.js';
import { Credentials } from '../../src/credentials/credentials.js';
import { SqliteCredentialStore } from '../../src/credentials/sqlite/credential-store.js';
import { loadDemo } from '../../src/demo/load.js';
import { seedDemo } from '../../src/demo/seeds.js';
import type { Role } from '../../src/domain/actor.js';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { Ledger } from '../../src/ledger/ledger.js';
import type { EventStore } from '../../src/store/port.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';

export interface Subject {
  dir: string;
  store: EventStore;
  integrity: LedgerIntegrity;
  server: FastifyInstance;
  tokens: Record<Role, string>;
  /** JSON bodies parsed; other bodies (text, JavaScript) as text, with their content type. */
  call(method: 'GET' | 'POST', url: string, options?: { role?: Role; body?: unknown }): Promise<{ status: number; body: any; type: string; headers: Record<string, unknown> }>;
}

const opened: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of opened) await close();
});

/** A data directory with a ledger (the demo, unless `empty`), its server.db, and the integrity routes served over it. */
export async function subject(options: { empty?: boolean } = {}): Promise<Subject> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-integrity-api-'));
  const store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
  const serverDb = openServerDb(dir);
  const integrity = await sqliteLedgerIntegrity(dir, serverDb);
  const credentials = new Credentials(new SqliteCredentialStore(serverDb));
  if (!options.empty) await loadDemo(new Ledger(new CommandHandler({ store })), seedDemo);

  const server = Fastify({ logger: false });
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(server);
  await server.register(swagger, { openapi: { info: { title: 'integrity', version: '1' } }, transform: jsonSchemaTransform });
  registerAuthentication(server, credentials);
  integrityRoutes(server, { store, integrity });
  await server.ready();
  opened.push(async () => {
    await server.close();
    await store.close();
    serverDb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const roles: Role[] = ['admin', 'officer', 'auditor', 'scrutiny'];
  const tokens = Object.fromEntries(
    await Promise.all(roles.map(async (role) => [role, (await credentials.issue({ role, organisationId: role === 'officer' ? 'halton-council' : null, label: role, createdBy: 'test' })).token])),
  ) as Record<Role, string>;
  return {
    dir,
    store,
    integrity,
    server,
    tokens,
    async call(method, url, { role, body } = {}) {
      const response = await server.inject({
        method,
        url,
        headers: role ? { authorization: `Bearer ${tokens[role]}` } : {},
        ...(body === undefined ? {} : { payload: body as object }),
      });
      const type = String(response.headers['content-type'] ?? '');
      const answer = !response.body ? null : type.startsWith('application/json') ? response.json() : response.body;
      return { status: response.statusCode, body: answer, type, headers: response.headers };
    },
  };
}
