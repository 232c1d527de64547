// `ledger backup` while a real server takes concurrent writes, then `ledger restore` into a
// new data directory: the restored ledger verifies (chain and signed checkpoint), keeps
// its credentials, and serves the read models the source had at the backup's head.
// A backup changed after it was taken is refused, and restore never overwrites a ledger.

import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openServerDb } from '../../src/api/server-db.js';
import { Credentials } from '../../src/credentials/credentials.js';
import { SqliteCredentialStore } from '../../src/credentials/sqlite/credential-store.js';
import { readBackup } from '../../src/store/sqlite/backup.js';
import { feedbackLoad, postFeedback } from '../support/feedback-load.js';
import { runLedger, startServe, type ServerProcess } from '../support/ledger-process.js';
import { rebuiltReadModels, servedReadModels, waitForReadModels } from '../support/read-models.js';
import { seeded } from '../support/seeded.js';

const ACTIVITIES = ['backup-a', 'backup-b'];
const root = mkdtempSync(join(tmpdir(), 'ledger-backup-'));
const source = join(root, 'source');
const restored = join(root, 'restored');
const backupFile = join(root, 'ledger.backup');
const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.kill9()));
  rmSync(root, { recursive: true, force: true });
});

async function post(url: string, token: string, path: string, body: unknown): Promise<number> {
  const response = await fetch(url + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}

/** The source's log as it was at `position`: a copy with every later event removed (the chain of a prefix still holds). */
function logAt(position: number): string {
  const copy = join(root, `source-at-${position}.db`);
  const db = new Database(join(source, 'ledger.db'), { readonly: true });
  db.exec(`VACUUM INTO '${copy}'`);
  db.close();
  const cut = new Database(copy);
  cut.prepare('DELETE FROM events WHERE position > ?').run(position);
  cut.close();
  return copy;
}

it('backs up a ledger under concurrent writes and restores it, verified, serving the read models of the backup head', { timeout: 180_000 }, async () => {
  const db = openServerDb(source);
  const officer = (await new Credentials(new SqliteCredentialStore(db)).issue({ role: 'officer', organisationId: 'halton-council', label: 'backup test', createdBy: 'test' })).token;
  db.close();
  const server = await startServe(source);
  servers.push(server);
  const admin = readFileSync(join(source, 'admin-token'), 'utf8').trim();
  for (const activityId of ACTIVITIES) {
    const survey = { activityId, title: `Survey ${activityId}`, category: 'consultation', method: 'survey', topics: ['community safety'], window: { opens: '2012-09-01', closes: '2012-10-31' } };
    expect(await post(server.url, officer, '/v1/activities', survey)).toBe(201);
    expect(await post(server.url, officer, `/v1/activities/${activityId}/open`, { openedOn: '2012-09-01' })).toBe(200);
  }
  const load = feedbackLoad({ url: server.url, token: officer, activities: ACTIVITIES, clients: 3, random: seeded(7), keyPrefix: 'before' });
  await load.acknowledgedAtLeast(30);
  // A signed checkpoint, taken under load: the restore must check it.
  expect(await post(server.url, admin, '/v1/integrity/checkpoints', {})).toBe(201);

  // When the backup is taken from another process while the writes go on
  const backup = await runLedger(['backup', backupFile, '--data-dir', source]);
  expect(backup.code, backup.stderr).toBe(0);
  await load.acknowledgedAtLeast(load.acknowledged() + 60);
  const outcome = await load.stop();
  expect(outcome.refused).toEqual([]);
  expect(outcome.unanswered).toEqual([]);
  await server.stop();

  const { manifest, files } = readBackup(backupFile);
  expect(backup.stdout).toContain(`Backed up ${manifest.headPosition} events`);
  expect([...files.keys()].sort()).toEqual(['server.db', 'signing-key.pem']);
  const sourceHead = (new Database(join(source, 'ledger.db'), { readonly: true }).prepare('SELECT max(position) AS head FROM events').get() as { head: number }).head;
  expect(manifest.headPosition, 'the backup is a snapshot taken during the writes').toBeGreaterThan(2 * ACTIVITIES.length + 30);
  expect(manifest.headPosition).toBeLessThan(sourceHead);

  // A restore into a new directory
  const restore = await runLedger(['restore', backupFile, '--data-dir', restored]);
  expect(restore.code, restore.stdout + restore.stderr).toBe(0);
  expect(restore.stdout).toMatch(new RegExp(`Restored ${manifest.headPosition} events .* all 1 signed checkpoints hold`));
  expect(readdirSync(restored).sort()).toEqual(['ledger.db', 'server.db', 'signing-key.pem']);

  // Then the restored server rebuilds the read models of the source at the backup's head
  const again = await startServe(restored);
  servers.push(again);
  await waitForReadModels(restored, manifest.headPosition);
  const expected = await rebuiltReadModels(logAt(manifest.headPosition), join(root, 'expected-readmodels.db'));
  expect(await servedReadModels(restored)).toEqual(expected);
  // and takes the old credentials and new writes
  const answer = await postFeedback(again.url, officer, { key: 'after-restore-1', activityId: 'backup-a' });
  expect(answer.kind).toBe('acknowledged');
  await again.stop();
  const verified = await runLedger(['verify', '--data-dir', restored]);
  expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  expect(verified.stdout).toMatch(/Signed checkpoints: all \d+ hold/);

  // A restore over a ledger is refused without --force, and changes nothing
  const refused = await runLedger(['restore', backupFile, '--data-dir', restored]);
  expect(refused.code).toBe(1);
  expect(refused.stderr.trim()).toMatch(/already holds a ledger .*--force/);
  expect((await runLedger(['verify', '--data-dir', restored])).stdout).toContain(`Verified: ${manifest.headPosition + 1} events`);
  // and with --force replaces it: the event written since the backup is gone, the read models with it
  // (the server on the restored directory made its personal-data keys file: a forced restore must leave it be)
  const keysBefore = readFileSync(join(restored, 'keys.db'));
  const forced = await runLedger(['restore', backupFile, '--force', '--data-dir', restored]);
  expect(forced.code, forced.stderr).toBe(0);
  // (the read models of the replaced log are dropped; the personal-data keys stay, byte for byte, so no erasure is undone)
  expect(readdirSync(restored)).not.toContain('readmodels.db');
  expect(readFileSync(join(restored, 'keys.db')).equals(keysBefore)).toBe(true);
  expect(forced.stdout).toContain('keys.db (personal data keys) was left as it was');
  expect((await runLedger(['verify', '--data-dir', restored])).stdout).toContain(`Verified: ${manifest.headPosition} events`);
  console.log(
    `[reliability] backup under load: ${manifest.headPosition} of the ${sourceHead} events the source ended with, ` +
      `${outcome.acknowledged.length} requests acknowledged during the test, none refused; restored, verified (1 signed checkpoint), read models equal`,
  );
});

it('refuses a backup whose log was changed after it was taken, restoring nothing', { timeout: 60_000 }, async () => {
  expect(existsSync(backupFile)).toBe(true);
  const tampered = join(root, 'tampered.backup');
  copyFileSync(backupFile, tampered);
  const db = new Database(tampered);
  const { position } = db.prepare("SELECT position FROM events WHERE type = 'FeedbackReceived' ORDER BY position LIMIT 1").get() as { position: number };
  db.prepare("UPDATE events SET data = json_set(data, '$.receivedOn', '2012-09-11') WHERE position = ?").run(position);
  db.close();

  const into = join(root, 'from-tampered');
  const result = await runLedger(['restore', tampered, '--data-dir', into]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`the backup does not verify at position ${position}`);
  expect(existsSync(into) ? readdirSync(into) : []).toEqual([]);
});
