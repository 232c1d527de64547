// The master key wraps every subject key in the key store, so a copy of the keys alone (a
// backup, a stolen file or dump) opens nothing. It comes from LEDGER_MASTER_KEY (base64) or
// the file LEDGER_MASTER_KEY_FILE names (a mounted secret), so it can be kept off the data
// disk and shared by every node; on the embedded store it may instead live in
// DATA_DIR/master.key (0600), made on first start.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { KEY_BYTES } from './envelope.js';

export const MASTER_KEY_ENV = 'LEDGER_MASTER_KEY';
export const MASTER_KEY_FILE_ENV = 'LEDGER_MASTER_KEY_FILE';

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
  const configured = configuredMasterKey(env);
  if (configured) return configured;
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

/** The master key the configuration gives (LEDGER_MASTER_KEY, or the file LEDGER_MASTER_KEY_FILE names), if any. */
export function configuredMasterKey(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const fromEnv = env[MASTER_KEY_ENV];
  if (fromEnv) return decode(fromEnv, MASTER_KEY_ENV);
  const file = env[MASTER_KEY_FILE_ENV];
  if (file) {
    if (!existsSync(file)) throw new MasterKeyProblem(`${MASTER_KEY_FILE_ENV} names ${file}, which does not exist`);
    return decode(readFileSync(file, 'utf8'), file);
  }
  return undefined;
}
