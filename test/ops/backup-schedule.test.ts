// deploy/backup.sh, the image's `ledger-backup`, run for real with the real `ledger` CLI: it
// writes a backup that restores, copies keys.db apart (never master.key), and deletes only
// the files older than each retention.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLedgerApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ledgerEntry, root, runLedger } from '../support/ledger-process.js';

const work = mkdtempSync(join(tmpdir(), 'ledger-backup-schedule-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const sqlite3Missing = spawnSync('sqlite3', ['--version']).error !== undefined;
if (sqlite3Missing) console.warn('[backup schedule] skipped: no sqlite3 command (apt-get install sqlite3), which the image installs');

const daysAgo = (file: string, days: number) => {
  writeFileSync(file, 'old');
  const when = new Date(Date.now() - days * 86_400_000);
  utimesSync(file, when, when);
};

describe.skipIf(sqlite3Missing)('the scheduled backup (deploy/backup.sh)', () => {
  it('backs up the ledger and keys.db apart, keeps master.key out, and prunes each by its retention', async () => {
    const dataDir = join(work, 'data');
    const app = await openLedgerApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { logger: false });
    const admin = await app.credentials.issue({ role: 'admin', label: 'test', createdBy: 'test' });
    await app.ledger.execute(
      { type: 'RegisterOrganisation', data: { organisationId: 'halton-council', name: 'Halton Borough Council', kind: 'council_service' } },
      { actor: { id: admin.id, role: 'admin', organisationId: null } },
    );
    await app.close();
    expect(existsSync(join(dataDir, 'keys.db'))).toBe(true);

    const backups = join(work, 'backups');
    const keys = join(work, 'keys');
    mkdirSync(backups);
    mkdirSync(keys);
    daysAgo(join(backups, 'ledger-old.backup'), 40);
    daysAgo(join(backups, 'ledger-recent.backup'), 5);
    daysAgo(join(keys, 'keys-old.db'), 10);
    daysAgo(join(keys, 'keys-recent.db'), 2);

    // `ledger` on the PATH, as the image has it.
    const bin = join(work, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'ledger'), `#!/bin/sh\nexec "${process.execPath}" "${await ledgerEntry()}" "$@"\n`);
    chmodSync(join(bin, 'ledger'), 0o755);
    const run = spawnSync('sh', [join(root, 'deploy/backup.sh')], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, DATA_DIR: dataDir, BACKUP_DIR: backups, KEYS_BACKUP_DIR: keys, BACKUP_KEEP_DAYS: '30', KEYS_KEEP_DAYS: '7' },
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);

    const made = readdirSync(backups).filter((f) => /^ledger-\d{8}T\d{6}Z\.backup$/.test(f));
    expect(made).toHaveLength(1);
    expect(readdirSync(backups).sort()).toEqual([made[0], 'ledger-recent.backup'].sort());
    const keyCopies = readdirSync(keys).filter((f) => /^keys-\d{8}T\d{6}Z\.db$/.test(f));
    expect(keyCopies).toHaveLength(1);
    expect(readdirSync(keys).sort()).toEqual([keyCopies[0], 'keys-recent.db'].sort());
    expect(statSync(join(keys, keyCopies[0] as string)).mode & 0o077).toBe(0);
    for (const dir of [backups, keys]) expect(readdirSync(dir).some((f) => f.includes('master'))).toBe(false);

    // The backup is a real one: it restores into an empty data directory after verifying.
    const restored = await runLedger(['restore', join(backups, made[0] as string), '--data-dir', join(work, 'restored')]);
    expect(restored.code, restored.stderr).toBe(0);
  }, 120_000);
});
