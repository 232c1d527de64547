// The proof routes over HTTP: inclusion and consistency proofs for auditors and administrators,
// checked here with verifier.js exactly as a journalist would; the public tree head and
// verifier module; and refusals: a bad size or position is a 400 naming the field, an altered
// log a 409 naming the position, never a 500 nor a proof that would not verify.

import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifierPath } from '../../src/audit/merkle/verifier-source.js';
import { verifyEvent, verifyGrowth } from '../../src/audit/merkle/verifier.js';
import { newEvents } from '../contract/event-store.contract.js';
import { subject } from './integrity-server.js';

const demo = await subject();
const key = (await demo.call('GET', '/v1/integrity/public-key')).body as { raw: string; origin: string; verifierKey: string };
const signed = (await demo.call('POST', '/v1/integrity/checkpoints', { role: 'admin' })).body as { position: number; treeHead: string };
const size = signed.position;

describe('GET /v1/integrity/proofs/inclusion', () => {
  it('gives an auditor the proof of an event against the latest signed tree head, which verifies with the published key', async () => {
    const reply = await demo.call('GET', '/v1/integrity/proofs/inclusion?position=5', { role: 'auditor' });

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ position: 5, size, leafIndex: 4, treeHead: signed.treeHead });
    const answer = await verifyEvent({ treeHead: reply.body.treeHead, publicKey: key.raw, origin: key.origin, event: reply.body.leaf, proof: reply.body });
    expect(answer).toEqual({ ok: true, origin: key.origin, size, position: 5, rootHash: reply.body.rootHash, leafHash: reply.body.leafHash });
  });

  it('serves the leaf that is the event as the log holds it, so the event as published verifies too', async () => {
    const reply = await demo.call('GET', `/v1/integrity/proofs/inclusion?position=${size}`, { role: 'admin' });
    const [event] = await demo.store.readAll({ after: size - 1, maxCount: 1 });

    expect(await verifyEvent({ treeHead: signed.treeHead, publicKey: key.raw, event: event!, proof: reply.body.proof })).toMatchObject({ ok: true, position: size });
    const other = { ...event!, data: { ...(event!.data as object), note: 'added later' } };
    expect(await verifyEvent({ treeHead: signed.treeHead, publicKey: key.raw, event: other, proof: reply.body.proof })).toMatchObject({ ok: false });
  });

  it('proves an event appended since the last tree head in the tree of the whole log, with no tree head yet', async () => {
    const grown = await subject();
    await grown.call('POST', '/v1/integrity/checkpoints', { role: 'admin' });
    const before = await grown.store.headPosition();
    await grown.store.append('later', newEvents(3));

    const reply = await grown.call('GET', `/v1/integrity/proofs/inclusion?position=${before + 2}`, { role: 'auditor' });
    expect(reply).toMatchObject({ status: 200, body: { size: before + 3, treeHead: null } });
    const explicit = await grown.call('GET', `/v1/integrity/proofs/inclusion?position=2&size=${before}`, { role: 'auditor' });
    expect(explicit.body).toMatchObject({ size: before, treeHead: expect.stringContaining(`\n${before}\n`) });
  });
});

describe('GET /v1/integrity/proofs/consistency', () => {
  it('proves that the log only grew from a kept tree head to the latest, checked with the published key', async () => {
    const grown = await subject();
    const older = (await grown.call('POST', '/v1/integrity/checkpoints', { role: 'admin' })).body as { position: number; treeHead: string };
    await grown.store.append('later', newEvents(21));
    const newer = (await grown.call('POST', '/v1/integrity/checkpoints', { role: 'auditor' })).body as { position: number; treeHead: string };

    const reply = await grown.call('GET', `/v1/integrity/proofs/consistency?from=${older.position}`, { role: 'auditor' });

    expect(reply.body).toMatchObject({ from: older.position, to: newer.position, fromTreeHead: older.treeHead, toTreeHead: newer.treeHead });
    const publicKey = (await grown.call('GET', '/v1/integrity/public-key')).body.raw as string;
    expect(await verifyGrowth({ older: older.treeHead, newer: newer.treeHead, publicKey, proof: reply.body })).toMatchObject({ ok: true });
    expect(await verifyGrowth({ older: newer.treeHead, newer: older.treeHead, publicKey, proof: reply.body })).toMatchObject({ ok: false });
  });
});

describe('a proof asked with a bad size or position', () => {
  const cases: [query: string, field: string][] = [
    ['proofs/inclusion', 'position'],
    ['proofs/inclusion?position=0', 'position'],
    ['proofs/inclusion?position=-3', 'position'],
    ['proofs/inclusion?position=abc', 'position'],
    ['proofs/inclusion?position=1.5', 'position'],
    ['proofs/inclusion?position=99999999999999999999', 'position'],
    [`proofs/inclusion?position=${size + 1000}`, 'position'],
    ['proofs/inclusion?position=3&size=2', 'position'],
    [`proofs/inclusion?position=1&size=${size + 1000}`, 'size'],
    ['proofs/inclusion?position=1&size=0', 'size'],
    ['proofs/inclusion?position=1&size=1e400', 'size'],
    ['proofs/consistency', 'from'],
    ['proofs/consistency?from=0', 'from'],
    ['proofs/consistency?from=5&to=3', 'from'],
    [`proofs/consistency?from=1&to=${size + 1000}`, 'to'],
    [`proofs/consistency?from=${size + 1000}`, 'from'],
  ];

  it.each(cases)('%s is a 400 naming querystring.%s', async (query, field) => {
    const reply = await demo.call('GET', `/v1/integrity/${query}`, { role: 'auditor' });

    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    expect(reply.body.error.details.issues[0].path).toBe(`querystring.${field}`);
  });
});

describe('an altered ledger file', () => {
  it('gets a refusal naming the position for a proof of the altered event, never a proof', async () => {
    const altered = await subject();
    const intruder = new Database(join(altered.dir, 'ledger.db'));
    intruder.prepare(`UPDATE events SET data = json_set(data, '$.name', 'Someone Else') WHERE position = 3`).run();
    intruder.close();

    expect(await altered.call('GET', '/v1/integrity/proofs/inclusion?position=3', { role: 'auditor' })).toMatchObject({
      status: 409,
      body: { error: { code: 'TREE_BROKEN', details: { brokenAt: 3 } } },
    });
    expect(await altered.call('GET', '/v1/integrity/proofs/inclusion?position=4', { role: 'auditor' })).toMatchObject({ status: 200 });
  });
});

describe('public', () => {
  it('the latest signed tree head is a C2SP checkpoint note, readable from any page', async () => {
    const reply = await demo.call('GET', '/v1/integrity/tree-head');

    expect(reply.status).toBe(200);
    expect(reply.type).toBe('text/plain; charset=utf-8');
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    const latest = (await demo.call('GET', '/v1/integrity/checkpoints', { role: 'auditor' })).body.latest.treeHead as string;
    expect(reply.body).toBe(latest);
    expect(reply.body).toMatch(new RegExp(`^${key.origin}\\n\\d+\\n[A-Za-z0-9+/]{43}=\\n\\n\u2014 ${key.origin} [A-Za-z0-9+/]{91}=\\n$`));
    expect(await demo.call('GET', `/v1/integrity/tree-head?size=${size}`)).toMatchObject({ status: 200, body: signed.treeHead });
    expect(await demo.call('GET', '/v1/integrity/tree-head?size=2')).toMatchObject({ status: 404 });
  });

  it('the verifier module is the source file, byte for byte, as JavaScript, its ETag its SHA-256', async () => {
    const reply = await demo.call('GET', '/v1/integrity/verifier.js');
    const source = readFileSync(verifierPath, 'utf8');

    expect(reply.status).toBe(200);
    expect(reply.type).toBe('text/javascript; charset=utf-8');
    expect(reply.body).toBe(source);
    expect(reply.headers.etag).toBe(`"${createHash('sha256').update(source).digest('hex')}"`);
    expect(verifierPath).toMatch(/src[\\/]audit[\\/]merkle[\\/]verifier\.js$/);
  });

  it('the public key names the tree heads’ origin and the key as signed-note verifiers take it', async () => {
    const [, name, id, material] = /^([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(key.verifierKey) ?? [];
    const signature = Buffer.from(signed.treeHead.trim().split(' ').at(-1)!, 'base64');

    expect(name).toBe(key.origin);
    expect(id).toBe(signature.subarray(0, 4).toString('hex'));
    expect(Buffer.from(material!, 'base64')).toEqual(Buffer.concat([Buffer.of(1), Buffer.from(key.raw, 'base64')]));
  });
});
