// The data directory holds the log, the personal-data keys, the credentials and the signing key:
// after a start, writes through the API, a sign-in and a backup into it, the directory is 0700
// and every file in it 0600, the databases' -wal and -shm included; a restore keeps it so.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openLedgerApp } from '../../src/app.js';
import { backupCommand, restoreCommand } from '../../src/cli/backup.js';
import { loadConfig } from '../../src/config.js';
import { survey } from './bodies.js';

const root = mkdtempSync(join(tmpdir(), 'ledger-modes-'));
// backup and restore report to stdout, as commands do; the test reads the files instead.
vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every entry under `dir`, with its permission bits as octal text. */
function modes(dir: string, prefix = ''): Record<string, string> {
  const found: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    found[prefix + name] = (stat.mode & 0o777).toString(8);
    if (stat.isDirectory()) Object.assign(found, modes(path, `${prefix}${name}/`));
  }
  return found;
}

describe('the data directory', () => {
  it('is created 0700 with every file 0600 (databases, their -wal and -shm, keys, tokens, backups) after a start and writes', async () => {
    // A directory the ledger creates itself, under one that does not exist yet either.
    const dataDir = join(root, 'srv', 'data');
    const app = await openLedgerApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { logger: false });
    try {
      const url = await app.server.listen({ port: 0, host: '127.0.0.1' });
      const admin = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
      const call = async (path: string, token: string, body: unknown) => {
        const reply = await fetch(url + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        expect(reply.status, await reply.clone().text()).toBeLessThan(300);
        return (await reply.json()) as { createdId: string; position: number; token: string };
      };
      await call('/v1/organisations', admin, { organisationId: 'halton-council', name: 'Halton Borough Council', kind: 'council_service' });
      const officer = (await call('/v1/credentials', admin, { role: 'officer', organisationId: 'halton-council', label: 'modes' })).token;
      const activityId = (await call('/v1/activities', officer, survey)).createdId;
      await call(`/v1/activities/${activityId}/open`, officer, { openedOn: '2012-09-01' });
      const sealed = await call(`/v1/activities/${activityId}/feedback`, officer, { kind: 'response', receivedOn: '2012-09-10', text: 'Lights, please.', respondent: { name: 'Jo' } });
      expect(await app.runner?.readSide().waitFor(sealed.position, 10_000)).toBe(true);
      const login = await fetch(`${url}/pages/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${admin}`, redirect: 'manual' });
      expect(login.status).toBe(303);
      await backupCommand(join(dataDir, 'nightly.backup'), { dataDir });

      const found = modes(dataDir);
      expect(Object.keys(found)).toEqual(
        expect.arrayContaining([
          ...['ledger.db', 'server.db', 'keys.db', 'readmodels.db'].flatMap((db) => [db, `${db}-wal`, `${db}-shm`]),
          'master.key',
          'admin-token',
          'signing-key.pem',
          'nightly.backup',
        ]),
      );
      expect(modes(join(root, 'srv'))).toMatchObject({ data: '700' });
      const loose = Object.entries(found).filter(([name, mode]) => mode !== (statSync(join(dataDir, name)).isDirectory() ? '700' : '600'));
      expect(loose).toEqual([]);
    } finally {
      await app.close();
    }

    // A restore into a new data directory makes it the same way.
    const restored = join(root, 'restored');
    await restoreCommand(join(dataDir, 'nightly.backup'), { dataDir: restored });
    expect(modes(root)).toMatchObject({ restored: '700' });
    expect(Object.entries(modes(restored)).filter(([, mode]) => mode !== '600')).toEqual([]);
  });
});
