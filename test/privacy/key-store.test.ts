// Subject keys in keys.db: wrapped by the master key, destroyed for good on erasure (no copy
// left in the file or its WAL), and an erasure seen at once by another connection.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SubjectAlreadyErased, SubjectKeys } from '../../src/privacy/key-store.js';
import { MasterKeyProblem } from '../../src/privacy/master-key.js';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const bytesOf = (file: string): Buffer => (existsSync(file) ? readFileSync(file) : Buffer.alloc(0));

describe('subject keys', async () => {
  it('gives each subject one key of 256 bits, the same on every call and after reopening', async () => {
    const dir = dataDir();
    const keys = await SubjectKeys.open(dir);
    const first = await keys.keysToSeal(['person-1', 'person-2', 'person-1']);
    expect(first.size).toBe(2);
    expect(first.get('person-1')).toHaveLength(32);
    expect(first.get('person-1')).not.toEqual(first.get('person-2'));
    await keys.close();
    const again = await SubjectKeys.open(dir);
    expect(await again.keyToOpen('person-1')).toEqual(first.get('person-1'));
    expect(await again.status('person-1')).toBe('live');
    expect(await again.status('nobody')).toBe('unknown');
    await again.close();
  });

  it('seals a batch of known and new subjects in one call, giving the known their own keys and each new one a key that opens as kept', async () => {
    const dir = dataDir();
    const keys = await SubjectKeys.open(dir);
    const known = await keys.keysToSeal(['person-1', 'person-2']);
    const batch = Array.from({ length: 300 }, (_, i) => `person-${i + 1}`);
    const sealed = await keys.keysToSeal([...batch, 'person-7']);
    expect(sealed.size).toBe(300);
    expect([sealed.get('person-1'), sealed.get('person-2')]).toEqual([known.get('person-1'), known.get('person-2')]);
    expect(new Set([...sealed.values()].map((key) => key.toString('hex'))).size).toBe(300);
    expect(await keys.keysToOpen(batch)).toEqual(sealed);
    await keys.close();
  });

  it('refuses a whole batch naming the first erased subject, keeping no key for the others', async () => {
    const dir = dataDir();
    const keys = await SubjectKeys.open(dir);
    await keys.keysToSeal(['person-2', 'person-4']);
    await keys.erase('person-4', '2026-11-23T00:00:00.000Z');
    await keys.erase('person-2', '2026-11-23T00:00:00.000Z');
    await expect(keys.keysToSeal(['person-1', 'person-4', 'person-3', 'person-2'])).rejects.toMatchObject({ subjectId: 'person-4' });
    expect([await keys.status('person-1'), await keys.status('person-3')]).toEqual(['unknown', 'unknown']);
    await keys.close();
  });

  it('keeps keys wrapped: keys.db alone holds no subject key, and a master.key of 0600', async () => {
    const dir = dataDir();
    const keys = await SubjectKeys.open(dir);
    const key = (await keys.keysToSeal(['person-1'])).get('person-1') as Buffer;
    await keys.close();
    expect(bytesOf(join(dir, 'keys.db')).includes(key)).toBe(false);
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
  });

  it('refuses to start with a master key that is not the one keys.db was made with, or without it', async () => {
    const dir = dataDir();
    await (await SubjectKeys.open(dir)).close();
    writeFileSync(join(dir, 'master.key'), `${Buffer.alloc(32, 7).toString('base64')}\n`);
    await expect(SubjectKeys.open(dir)).rejects.toThrow(MasterKeyProblem);
    rmSync(join(dir, 'master.key'));
    await expect(SubjectKeys.open(dir)).rejects.toThrow(/master.key is missing/);
  });

  it('takes the master key from LEDGER_MASTER_KEY when set, writing no master.key', async () => {
    const dir = dataDir();
    const env = { LEDGER_MASTER_KEY: Buffer.alloc(32, 9).toString('base64') };
    await (await SubjectKeys.open(dir, env)).close();
    expect(existsSync(join(dir, 'master.key'))).toBe(false);
    await expect(SubjectKeys.open(dir, { LEDGER_MASTER_KEY: 'c2hvcnQ=' })).rejects.toThrow(MasterKeyProblem);
  });

  it('takes the master key from the file LEDGER_MASTER_KEY_FILE names (a mounted secret), writing no master.key', async () => {
    const dir = dataDir();
    const secret = join(dataDir(), 'mounted-master-key');
    writeFileSync(secret, `${Buffer.alloc(32, 5).toString('base64')}\n`);
    await (await SubjectKeys.open(dir, { LEDGER_MASTER_KEY_FILE: secret })).close();
    expect(existsSync(join(dir, 'master.key'))).toBe(false);
    await (await SubjectKeys.open(dir, { LEDGER_MASTER_KEY: Buffer.alloc(32, 5).toString('base64') })).close();
    await expect(SubjectKeys.open(dir, { LEDGER_MASTER_KEY_FILE: join(dir, 'no-such-file') })).rejects.toThrow(/does not exist/);
  });

  it('erases a key for good: gone from keys.db and its WAL, idempotent, and the subject refused new data', async () => {
    const dir = dataDir();
    const keys = await SubjectKeys.open(dir);
    await keys.keysToSeal(['person-1', 'person-2']);
    const wrapped = (id: string): Buffer => {
      const db = new Database(join(dir, 'keys.db'), { readonly: true });
      try {
        return (db.prepare('SELECT wrapped FROM subject_keys WHERE subject_id = ?').get(id) as { wrapped: Buffer }).wrapped;
      } finally {
        db.close();
      }
    };
    const gone = wrapped('person-1');
    const kept = wrapped('person-2');
    expect(await keys.erase('person-1', '2026-11-23T00:00:00.000Z')).toBe('erased');
    expect(await keys.erase('person-1', '2026-11-23T00:00:01.000Z')).toBe('already_erased');
    expect(await keys.keyToOpen('person-1')).toBeNull();
    expect(await keys.status('person-1')).toBe('erased');
    await expect(keys.keysToSeal(['person-1'])).rejects.toThrow(SubjectAlreadyErased);

    const files = ['keys.db', 'keys.db-wal'].map((f) => bytesOf(join(dir, f)));
    expect(files.some((bytes) => bytes.includes(gone))).toBe(false);
    expect(bytesOf(join(dir, 'keys.db-wal'))).toHaveLength(0);
    // The other subject's key is still there (the search above would have found a key that lingered).
    expect(files.some((bytes) => bytes.includes(kept))).toBe(true);
    await keys.close();
  });

  it('sees an erasure made by another connection at once (no key outlives it in memory)', async () => {
    const dir = dataDir();
    const server = await SubjectKeys.open(dir);
    await server.keysToSeal(['person-1']);
    expect(await server.keyToOpen('person-1')).not.toBeNull();
    const cli = await SubjectKeys.open(dir);
    await cli.erase('person-1', '2026-11-23T00:00:00.000Z');
    await cli.close();
    expect(await server.keyToOpen('person-1')).toBeNull();
    await server.close();
  });
});
