// Bearer tokens are stored only as hashes, and the one comparison of secrets is constant-time.

import * as crypto from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hashToken, newToken, sameHash } from '../../src/credentials/token.js';
import { ledgerForThisFile } from './harness.js';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const ledger = await ledgerForThisFile();

/** The bytes where the server state is stored: server.db and its WAL, or the credentials table's file on PostgreSQL. */
async function serverStateFiles(): Promise<[string, string][]> {
  if (ledger.store === 'postgres') {
    // The server itself reads its file (a superuser's pg_read_binary_file), after a CHECKPOINT writes its pages out.
    await ledger.rows('server', 'CHECKPOINT');
    const [row] = await ledger.rows<{ bytes: Buffer }>('server', "SELECT pg_read_binary_file(pg_relation_filepath('credentials')) AS bytes");
    expect(row?.bytes.length).toBeGreaterThan(0);
    return [['the credentials table', (row?.bytes as Buffer).toString('latin1')]];
  }
  const dir = ledger.app.config.DATA_DIR;
  const files = readdirSync(dir).filter((f) => f.startsWith('server.db'));
  expect(files).toContain('server.db');
  return files.map((file) => [file, readFileSync(join(dir, file)).toString('latin1')]);
}

describe('tokens at rest', () => {
  it('keeps no issued token in the credentials table, nor anywhere in the server database files', async () => {
    const issued = [await ledger.tokenFor('officer', 'halton-borough-council'), await ledger.tokenFor('auditor'), await ledger.tokenFor('scrutiny')];
    const created = await ledger.call('POST', '/v1/credentials', { token: ledger.adminToken, body: { role: 'scrutiny', label: 'panel chair' } });
    expect(created.status).toBe(201);
    issued.push(created.body.token, ledger.adminToken);
    // Every issued token works, so the rows checked below are the ones that authenticate them.
    for (const token of issued) expect((await ledger.call('GET', '/v1/projections', { token })).status).toBe(200);

    const rows = await ledger.rows<Record<string, unknown>>('server', 'SELECT * FROM credentials');
    expect(rows.length).toBe(issued.length);
    const stored = JSON.stringify(rows);
    for (const token of issued) {
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(token.slice(4)); // without its prefix either
      expect(rows.map((r) => r.token_hash)).toContain(hashToken(token));
    }
    // Nor in the raw pages and the write-ahead log, where a deleted or old row could linger.
    for (const [file, bytes] of await serverStateFiles()) {
      for (const token of issued) expect(bytes.includes(token.slice(4)), `${token.slice(0, 8)}… in ${file}`).toBe(false);
    }
  });
});

describe('comparing token hashes', () => {
  const a = hashToken(newToken());
  const b = hashToken(newToken());

  it('answers true only for the same hash', () => {
    expect(sameHash(a, a)).toBe(true);
    expect(sameHash(a, b)).toBe(false);
    // One differing character, at the start and at the end.
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === '0' ? '1' : '0') + s.slice(i + 1);
    expect(sameHash(a, flip(a, 0))).toBe(false);
    expect(sameHash(a, flip(a, a.length - 1))).toBe(false);
  });

  it('refuses hashes of another length without comparing them', () => {
    expect(sameHash(a, a.slice(0, 62))).toBe(false);
    expect(sameHash(a, '')).toBe(false);
    expect(sameHash(a, `${a}00`)).toBe(false);
  });

  it('compares through crypto.timingSafeEqual, whose time does not depend on where the bytes differ', () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    sameHash(a, b);
    sameHash(a, a);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(Buffer.from(spy.mock.calls[0]?.[0] as Buffer).toString('hex')).toBe(a);
  });

  it('authenticates a request by comparing the stored and the computed SHA-256 digests, 32 bytes each, through timingSafeEqual', async () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    expect((await ledger.call('GET', '/v1/projections', { token: ledger.adminToken })).status).toBe(200);
    // The digests as bytes: equal lengths, so timingSafeEqual compares every byte and its time says nothing about where they differ.
    const digest = Buffer.from(hashToken(ledger.adminToken), 'hex');
    const comparisons = spy.mock.calls.map(([x, y]) => [Buffer.from(x as Uint8Array), Buffer.from(y as Uint8Array)]);
    expect(comparisons).toContainEqual([digest, digest]);
    for (const [x, y] of comparisons) expect([x?.length, y?.length]).toEqual([32, 32]);
  });
});
