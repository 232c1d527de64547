// The master key wraps every subject key in keys.db, so a copy of keys.db alone (a backup,
// a stolen file) opens nothing. It lives in DATA_DIR/master.key (0600), or comes from
// LEDGER_MASTER_KEY (base64) so it can be kept off the data disk.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { KEY_BYTES } from './envelope.js';

export const MASTER_KEY_ENV = 'LEDGER_MASTER_KEY';

export class MasterKeyProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyProblem';
  }
}

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new MasterKeyProblem(`${where} must hold a 256-bit key in base64 (44 characters)`);
  return key;
}

/**
 * The master key, from the environment or DATA_DIR/master.key. `mayCreate`: when neither
 * exists, make one (only for a key store that holds no key yet: a new master key would
 * silently orphan every subject key wrapped by the old one).
 */
export function loadMasterKey(dataDir: string, mayCreate: boolean, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env[MASTER_KEY_ENV];
  if (fromEnv) return decode(fromEnv, MASTER_KEY_ENV);
  const file = join(dataDir, 'master.key');
  if (existsSync(file)) return decode(readFileSync(file, 'utf8'), file);
  if (!mayCreate) throw new MasterKeyProblem(`${file} is missing but keys.db holds keys wrapped by it: restore it (or set ${MASTER_KEY_ENV})`);
  const key = randomBytes(KEY_BYTES);
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process (the server and a command started together) made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return decode(readFileSync(file, 'utf8'), file);
    throw error;
  }
  return key;
}
