// The integrity routes over HTTP, on a fastify instance of their own (authentication, error
// handling and OpenAPI as the server has them) over the demo ledger, and through the
// ledger's server once server.ts registers integrityRoutes.

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scheduleCheckpoints } from '../../src/audit/integrity/schedule.js';
import { publicKeyFrom } from '../../src/audit/integrity/signing-key.js';
import { signatureProblem, type SignedCheckpoint } from '../../src/audit/integrity/statement.js';
import type { Role } from '../../src/domain/actor.js';
import { ledgerForThisFile } from '../api/harness.js';
import { newEvents } from '../contract/event-store.contract.js';
import { subject } from './integrity-server.js';

const demo = await subject();
const head = await demo.store.headPosition();

describe('GET /v1/integrity', () => {
  it('verifies the whole log and reports its head, with the rate', async () => {
    const reply = await demo.call('GET', '/v1/integrity', { role: 'auditor' });

    expect(reply.status).toBe(200);
    const [last] = await demo.store.readAll({ after: head - 1 });
    expect(reply.body).toMatchObject({ ok: true, headPosition: head, headHash: last?.hash, checked: head, checkpoints: { invalid: [] } });
    expect(reply.body.eventsPerSecond).toBeGreaterThan(0);
  });

  it('reports where the log breaks once the file was altered behind the ledger', async () => {
    const broken = await subject();
    const intruder = new Database(join(broken.dir, 'ledger.db'));
    intruder.prepare(`UPDATE events SET data = json_set(data, '$.name', 'Someone Else') WHERE position = 3`).run();
    intruder.close();

    const reply = await broken.call('GET', '/v1/integrity', { role: 'admin' });

    expect(reply).toMatchObject({ status: 200, body: { ok: false, problem: 'chain', brokenAt: 3, checked: 2 } });
    expect(await broken.call('POST', '/v1/integrity/checkpoints', { role: 'admin' })).toMatchObject({
      status: 409,
      body: { error: { code: 'CHAIN_BROKEN', details: { brokenAt: 3 } } },
    });
  });
});

describe('checkpoints', () => {
  it('are signed on demand by an administrator or an auditor, and listed for scrutiny too', async () => {
    const first = await demo.call('POST', '/v1/integrity/checkpoints', { role: 'admin' });
    expect(first).toMatchObject({ status: 201, body: { ledger: demo.integrity.ledgerId, position: head, keyId: demo.integrity.key.keyId } });
    await demo.store.append('later', newEvents(3));
    const second = await demo.call('POST', '/v1/integrity/checkpoints', { role: 'auditor' });
    expect(second).toMatchObject({ status: 201, body: { position: head + 3 } });

    const listed = await demo.call('GET', '/v1/integrity/checkpoints', { role: 'scrutiny' });
    expect(listed.status).toBe(200);
    expect(listed.body.checkpoints).toEqual([first.body, second.body]);
    expect(listed.body.latest).toEqual(second.body);

    const page = await demo.call('GET', '/v1/integrity/checkpoints?limit=1', { role: 'auditor' });
    expect(page.body.checkpoints).toEqual([first.body]);
    const next = await demo.call('GET', `/v1/integrity/checkpoints?limit=1&after=${page.body.next}`, { role: 'auditor' });
    expect(next.body.checkpoints).toEqual([second.body]);
  });

  it('are verifiable by anyone with the public key, which needs no token', async () => {
    const statement = (await demo.call('POST', '/v1/integrity/checkpoints', { role: 'admin' })).body as SignedCheckpoint;
    const key = await demo.call('GET', '/v1/integrity/public-key');

    expect(key).toMatchObject({ status: 200, body: { ledger: demo.integrity.ledgerId, algorithm: 'Ed25519', keyId: statement.keyId } });
    expect(signatureProblem(statement, publicKeyFrom(key.body.pem))).toBeNull();
    expect(signatureProblem(statement, publicKeyFrom(key.body.raw))).toBeNull();
  });

  it('cannot be signed on an empty ledger', async () => {
    const empty = await subject({ empty: true });
    expect(await empty.call('POST', '/v1/integrity/checkpoints', { role: 'admin' })).toMatchObject({ status: 409, body: { error: { code: 'LEDGER_EMPTY' } } });
  });
});

describe('POST /v1/integrity/checkpoints/check', () => {
  it('answers that the log has only grown since a kept statement', async () => {
    const kept = (await demo.call('POST', '/v1/integrity/checkpoints', { role: 'admin' })).body as SignedCheckpoint;
    await demo.store.append('later', newEvents(2));

    const reply = await demo.call('POST', '/v1/integrity/checkpoints/check', { role: 'auditor', body: kept });

    expect(reply).toMatchObject({ status: 200, body: { ok: true, position: kept.position, grownBy: 2 } });
  });

  it('answers no for a statement that was altered, and 400 for what is not a statement', async () => {
    const kept = (await demo.call('POST', '/v1/integrity/checkpoints', { role: 'admin' })).body as SignedCheckpoint;

    const altered = await demo.call('POST', '/v1/integrity/checkpoints/check', { role: 'auditor', body: { ...kept, position: 1 } });
    expect(altered).toMatchObject({ status: 200, body: { ok: false, brokenAt: null } });
    const malformed = await demo.call('POST', '/v1/integrity/checkpoints/check', { role: 'auditor', body: { position: 'the head' } });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
  });
});

describe('who may call what', () => {
  const table: [method: 'GET' | 'POST', url: string, allowed: Role[] | 'public'][] = [
    ['GET', '/v1/integrity', ['auditor', 'admin']],
    ['GET', '/v1/integrity/checkpoints', ['auditor', 'admin', 'scrutiny']],
    ['POST', '/v1/integrity/checkpoints', ['admin', 'auditor']],
    ['GET', '/v1/integrity/public-key', 'public'],
    ['POST', '/v1/integrity/checkpoints/check', ['auditor', 'admin']],
    ['GET', '/v1/integrity/proofs/inclusion?position=1', ['auditor', 'admin']],
    ['GET', '/v1/integrity/proofs/consistency?from=1', ['auditor', 'admin']],
    ['GET', '/v1/integrity/tree-head', 'public'],
    ['GET', '/v1/integrity/verifier.js', 'public'],
  ];

  it.each(table)('%s %s', async (method, url, allowed) => {
    // A signed tree head exists, so the public tree-head route has one to give.
    await demo.call('POST', '/v1/integrity/checkpoints', { role: 'admin' });
    for (const role of ['admin', 'officer', 'auditor', 'scrutiny'] as const) {
      const reply = await demo.call(method, url, { role, body: method === 'POST' ? {} : undefined });
      const refused = reply.status === 403 && reply.body.error.code === 'ROLE_NOT_ALLOWED';
      expect(refused, `${role}: ${reply.status}`).toBe(allowed !== 'public' && !allowed.includes(role));
      expect(reply.status, role).toBeLessThan(500);
    }
    expect((await demo.call(method, url)).status).toBe(allowed === 'public' ? 200 : 401);
  });

  it('documents every route in the OpenAPI document', () => {
    const doc = demo.server.swagger() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))).toEqual(
      expect.arrayContaining(table.map(([method, url]) => `${method} ${url.split('?')[0]}`)),
    );
  });
});

describe('the periodic checkpoint', () => {
  it('signs the head when the log grew since the last statement, and only then', async () => {
    const ledger = await subject();
    const schedule = scheduleCheckpoints(ledger.store, ledger.integrity, { intervalMs: 3_600_000 });
    try {
      expect(await schedule.tick()).toBe(true);
      expect(await schedule.tick()).toBe(false);
      await ledger.store.append('later', newEvents(1));
      expect(await schedule.tick()).toBe(true);
      expect((await ledger.call('GET', '/v1/integrity/checkpoints', { role: 'auditor' })).body.checkpoints).toHaveLength(2);
    } finally {
      schedule.stop();
    }
  });
});

const ledger = await ledgerForThisFile();

describe('the integrity routes through the ledger server', () => {
  it('publishes the public key without a token and verifies the log for an auditor', async () => {
    expect(await ledger.call('GET', '/v1/integrity/public-key')).toMatchObject({ status: 200, body: { algorithm: 'Ed25519' } });
    const auditor = await ledger.tokenFor('auditor');
    expect(await ledger.call('GET', '/v1/integrity', { token: auditor })).toMatchObject({ status: 200, body: { ok: true, headPosition: 0 } });
    expect(await ledger.call('GET', '/v1/integrity', { token: await ledger.tokenFor('scrutiny') })).toMatchObject({ status: 403 });
  });

  it('lists them in the server’s OpenAPI document', async () => {
    const doc = await ledger.call('GET', '/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/integrity',
        '/v1/integrity/checkpoints',
        '/v1/integrity/public-key',
        '/v1/integrity/checkpoints/check',
        '/v1/integrity/proofs/inclusion',
        '/v1/integrity/proofs/consistency',
        '/v1/integrity/tree-head',
        '/v1/integrity/verifier.js',
      ]),
    );
  });
});
