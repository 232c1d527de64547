// Audit bundles: a date range of the log, its chain link and a signed checkpoint, exported
// from a real ledger and checked offline with nothing but the file (and the public key).

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openServerDb } from '../../src/api/server-db.js';
import { exportBundle, type ExportSummary } from '../../src/audit/bundle/export.js';
import { renderBundle, type Bundle } from '../../src/audit/bundle/format.js';
import { parseDateRange } from '../../src/audit/bundle/range.js';
import { verifyBundle } from '../../src/audit/bundle/verify.js';
import { listCheckpoints } from '../../src/audit/integrity/checkpoints.js';
import { sqliteLedgerIntegrity } from '../../src/audit/checkpoints/sqlite/checkpoint-store.js';
import type { LedgerIntegrity } from '../../src/audit/integrity/ledger-integrity.js';
import { keyIdOf, publishedKey, type SigningKey } from '../../src/audit/integrity/signing-key.js';
import { signStatement } from '../../src/audit/integrity/statement.js';
import { appendGenerated } from '../../src/generate/index.js';
import { GENESIS_HASH } from '../../src/store/chain.js';
import type { NewEvent } from '../../src/store/port.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { newEvent } from '../contract/event-store.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-bundle-'));
const store: SqliteEventStore = openSqliteEventStore({ path: join(dir, 'ledger.db') });
const serverDb: Database.Database = openServerDb(dir);
const integrity: LedgerIntegrity = await sqliteLedgerIntegrity(dir, serverDb);
afterAll(async () => {
  await store.close();
  serverDb.close();
  rmSync(dir, { recursive: true, force: true });
});

// Two years of a partnership's records from 1 January 2020, in generation order (recordedAt increases with position)...
const generated = await appendGenerated(store, { seed: 11, events: 400, start: '2020-01-01T00:00:00Z', days: 730, window: 1 });
// ...then three events in 2030, the middle one stamped by a clock that had stepped back to 2019.
const recordedAt = (at: string): NewEvent => {
  const event = newEvent({ note: at });
  return { ...event, metadata: { ...event.metadata, recordedAt: at, occurredAt: at } };
};
await store.append('clock-skew', [recordedAt('2030-01-01T09:00:00.000Z'), recordedAt('2019-12-31T23:00:00.000Z'), recordedAt('2030-01-02T09:00:00.000Z')]);
const head = generated + 3;

async function exported(from: string, to: string): Promise<{ text: string; summary: ExportSummary }> {
  const chunks: string[] = [];
  const summary = await exportBundle(store, parseDateRange(from, to), integrity, (chunk) => chunks.push(chunk));
  return { text: chunks.join(''), summary };
}

const summer = await exported('2020-06-01', '2020-09-30');
const parse = (text: string) => JSON.parse(text) as Bundle;
/** A bundle changed as a value, then written out again exactly as the exporter writes, so only the change itself can fail it. */
const edited = (text: string, change: (bundle: Bundle) => void): string => {
  const bundle = parse(text);
  change(bundle);
  return renderBundle(bundle);
};

describe('exporting a date range', () => {
  it('bundles the events recorded in the range, the link before them, and a signed statement of the last', async () => {
    const bundle = parse(summer.text);
    const all = await store.readAll();
    const inRange = all.filter((e) => e.metadata.recordedAt >= '2020-06-01' && e.metadata.recordedAt < '2020-10-01');

    expect(bundle.events.map((e) => e.position)).toEqual(inRange.map((e) => e.position));
    expect(bundle.events).toEqual(inRange);
    const before = all[inRange[0]!.position - 2]!;
    expect(bundle.previous).toEqual({ position: before.position, hash: before.hash });
    expect(bundle.selection).toEqual({ field: 'recordedAt', from: '2020-06-01T00:00:00.000Z', to: '2020-09-30T23:59:59.999Z' });
    expect(bundle.checkpoint).toMatchObject({ ledger: integrity.ledgerId, position: inRange.at(-1)!.position, headHash: inRange.at(-1)!.hash });
    expect(bundle.publicKey).toEqual(publishedKey(integrity.key.publicKey));
    // The statement in the bundle is one the ledger keeps, like every statement it signs.
    expect(listCheckpoints(serverDb).map((c) => c.statement)).toContainEqual(bundle.checkpoint);
  });

  it('writes one event per line, in canonical JSON, as the format says', () => {
    const lines = summer.text.split('\n');
    expect(lines.slice(0, 9).map((l) => l.slice(0, l.indexOf(':')))).toEqual([
      '{"format"',
      '"version"',
      '"ledger"',
      '"selection"',
      '"exportedAt"',
      '"publicKey"',
      '"previous"',
      '"checkpoint"',
      '"events"',
    ]);
    expect(lines.slice(-3)).toEqual([expect.stringMatching(/^\{"data":.*"version":\d+\}$/), ']}', '']);
    expect(lines).toHaveLength(9 + summer.summary.events + 2);
  });

  it('keeps every event between the first and last recorded in the range, so the chain has no gap', async () => {
    const { text, summary } = await exported('2030-01-01', '2030-01-02');
    const bundle = parse(text);

    expect(summary).toMatchObject({ events: 3, first: head - 2, last: head });
    expect(bundle.events.map((e) => e.metadata.recordedAt)).toEqual(['2030-01-01T09:00:00.000Z', '2019-12-31T23:00:00.000Z', '2030-01-02T09:00:00.000Z']);
    expect(verifyBundle(text)).toMatchObject({ ok: true, events: 3, first: head - 2, last: head });
  });

  it('links a bundle that starts at the first event to the genesis hash', async () => {
    const { text } = await exported('2019-01-01', '2020-01-31');
    expect(parse(text).previous).toEqual({ position: 0, hash: GENESIS_HASH });
    expect(verifyBundle(text)).toMatchObject({ ok: true, first: 1 });
  });

  it('refuses a range in which nothing was recorded', async () => {
    await expect(exported('2025-01-01', '2025-12-31')).rejects.toMatchObject({ code: 'NOTHING_IN_RANGE' });
  });

  it('reads bare dates as whole days, UTC, and refuses what is not a date', () => {
    expect(parseDateRange('2020-06-01', '2020-06-01')).toEqual({ from: '2020-06-01T00:00:00.000Z', to: '2020-06-01T23:59:59.999Z' });
    expect(parseDateRange('2020-06-01T12:00:00+02:00', '2020-06-02')).toEqual({ from: '2020-06-01T10:00:00.000Z', to: '2020-06-02T23:59:59.999Z' });
    expect(() => parseDateRange('June', '2020-06-02')).toThrow(/--from June/);
    expect(() => parseDateRange('2020-06-03', '2020-06-02')).toThrow(/after/);
  });
});

describe('verifying a bundle offline', () => {
  it('accepts the bundle as exported, against its own key and against the ledger’s published key', () => {
    const expected = { ok: true, ledger: integrity.ledgerId, events: summer.summary.events, first: summer.summary.first, last: summer.summary.last };
    expect(verifyBundle(summer.text)).toMatchObject({ ...expected, keyTrusted: false });
    expect(verifyBundle(summer.text, { publicKey: publishedKey(integrity.key.publicKey).pem })).toMatchObject({ ...expected, keyTrusted: true });
    expect(verifyBundle(Buffer.from(summer.text), { publicKey: publishedKey(integrity.key.publicKey).raw })).toMatchObject(expected);
  });

  it('fails when any one byte of any event is changed', async () => {
    const { text, summary } = await exported('2020-06-18', '2020-06-27');
    expect(summary.events).toBeGreaterThan(1);
    const bytes = Buffer.from(text);
    const lines = text.split('\n');
    const start = Buffer.byteLength(lines.slice(0, 9).join('\n')) + 1;
    const end = bytes.length - Buffer.byteLength('\n]}\n');
    const survivors: string[] = [];
    for (let at = start; at < end; at++) {
      for (const flip of [0x01, 0x20]) {
        const altered = Buffer.from(bytes);
        altered[at] = altered[at]! ^ flip;
        if (verifyBundle(altered).ok) survivors.push(`byte ${at} ^ ${flip}`);
      }
    }
    expect(end - start).toBeGreaterThan(1000);
    expect(survivors).toEqual([]);
  });

  it('names the event whose value was changed', () => {
    const target = summer.summary.first + 5;
    const text = edited(summer.text, (b) => {
      const event = b.events.find((e) => e.position === target)!;
      event.metadata = { ...event.metadata, actor: 'mallory' };
    });
    expect(verifyBundle(text)).toMatchObject({ ok: false, position: target, line: 9 + 5 + 1, reason: expect.stringMatching(/chain breaks/) });
  });

  it('fails when an event is removed, or two are swapped', () => {
    expect(verifyBundle(edited(summer.text, (b) => b.events.splice(3, 1)))).toMatchObject({ ok: false, position: summer.summary.first + 3 });
    expect(
      verifyBundle(
        edited(summer.text, (b) => {
          const [a, c] = [b.events[2]!, b.events[4]!];
          b.events[2] = c;
          b.events[4] = a;
        }),
      ),
    ).toMatchObject({ ok: false, position: summer.summary.first + 2 });
  });

  it('fails when the link before the first event is changed', () => {
    const text = edited(summer.text, (b) => {
      b.previous = { ...b.previous, hash: b.previous.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
    });
    expect(verifyBundle(text)).toMatchObject({ ok: false, position: summer.summary.first });
  });

  it('fails when its statement was signed by another key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const other: SigningKey = { privateKey, publicKey, keyId: keyIdOf(publicKey) };
    // Another key's signature in the ledger's name.
    const forgedSignature = edited(summer.text, (b) => {
      b.checkpoint = { ...b.checkpoint, signature: signStatement(other, b.checkpoint).signature };
    });
    expect(verifyBundle(forgedSignature)).toMatchObject({ ok: false, reason: expect.stringMatching(/signature does not verify/) });

    // The whole bundle re-signed with another key, that key inside: consistent, but not the ledger's key.
    const resigned = edited(summer.text, (b) => {
      b.checkpoint = signStatement(other, b.checkpoint);
      b.publicKey = publishedKey(publicKey);
    });
    expect(verifyBundle(resigned)).toMatchObject({ ok: true, keyTrusted: false, keyId: other.keyId });
    expect(verifyBundle(resigned, { publicKey: publishedKey(integrity.key.publicKey).pem })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not with the key given/),
    });
  });

  it('fails when the statement does not vouch for the last event', () => {
    const text = edited(summer.text, (b) => b.events.pop());
    expect(verifyBundle(text)).toMatchObject({ ok: false, reason: expect.stringMatching(/vouches for position/) });
  });

  it('fails when the file was reformatted, though every value is intact', () => {
    const pretty = JSON.stringify(JSON.parse(summer.text), null, 2);
    expect(verifyBundle(pretty)).toMatchObject({ ok: false, line: 1, reason: expect.stringMatching(/byte for byte/) });
  });

  it('fails on what is not a bundle', () => {
    expect(verifyBundle('{"format":"something else"}')).toMatchObject({ ok: false, reason: expect.stringMatching(/^not an audit bundle/) });
    expect(verifyBundle(summer.text.slice(0, -10))).toMatchObject({ ok: false, reason: expect.stringMatching(/not JSON/) });
    expect(verifyBundle(Buffer.from([0x7b, 0xff, 0x7d]))).toMatchObject({ ok: false, reason: expect.stringMatching(/not UTF-8/) });
  });
});
