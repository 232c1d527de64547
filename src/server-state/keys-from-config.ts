// The two keys several nodes must share come from configuration: the signing key (Ed25519,
// PKCS#8 PEM) and the master key that wraps personal-data keys (src/privacy/master-key.ts).
// On the embedded store they may instead live in DATA_DIR, made on first use; with
// STORE=postgres a key made per node would split the ledger (statements no other node's key
// checks, personal data no other node opens), so there it must be configured.

import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { keyIdOf, loadOrCreateSigningKey, loadSigningKey, type SigningKey } from '../audit/integrity/signing-key.js';
import { ConfigError, type Config } from '../config.js';
import { configuredMasterKey } from '../privacy/master-key.js';

/** The signing key the configuration gives (LEDGER_SIGNING_KEY, or the file LEDGER_SIGNING_KEY_FILE names), if any. */
export function configuredSigningKey(config: Pick<Config, 'LEDGER_SIGNING_KEY' | 'LEDGER_SIGNING_KEY_FILE'>): SigningKey | undefined {
  let pem = config.LEDGER_SIGNING_KEY;
  const where = pem ? 'LEDGER_SIGNING_KEY' : config.LEDGER_SIGNING_KEY_FILE;
  if (!pem && config.LEDGER_SIGNING_KEY_FILE) {
    if (!existsSync(config.LEDGER_SIGNING_KEY_FILE)) throw new ConfigError(`LEDGER_SIGNING_KEY_FILE names ${config.LEDGER_SIGNING_KEY_FILE}, which does not exist`);
    pem = readFileSync(config.LEDGER_SIGNING_KEY_FILE, 'utf8');
  }
  if (!pem) return undefined;
  let privateKey;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new ConfigError(`${where} must hold an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519)`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new ConfigError(`${where} holds a ${String(privateKey.asymmetricKeyType)} key, not Ed25519`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/**
 * The ledger's signing key: the configured one; else, on the embedded store, DATA_DIR's
 * (made on first use when `create`, as signing needs one; verifying only reads it).
 */
export function signingKeyOf(config: Config, options: { create: boolean }): SigningKey | null {
  const configured = configuredSigningKey(config);
  if (configured) return configured;
  if (config.STORE === 'postgres') {
    throw new ConfigError('LEDGER_SIGNING_KEY or LEDGER_SIGNING_KEY_FILE is required when STORE=postgres: every node signs with the ledger’s one key');
  }
  const dataDir = resolve(config.DATA_DIR);
  return options.create ? loadOrCreateSigningKey(dataDir) : loadSigningKey(dataDir);
}

/** The environment the master key is read from (src/privacy/master-key.ts), as configured. */
export function masterKeyEnvironment(config: Config): NodeJS.ProcessEnv {
  return {
    ...(config.LEDGER_MASTER_KEY ? { LEDGER_MASTER_KEY: config.LEDGER_MASTER_KEY } : {}),
    ...(config.LEDGER_MASTER_KEY_FILE ? { LEDGER_MASTER_KEY_FILE: config.LEDGER_MASTER_KEY_FILE } : {}),
  };
}

/** STORE=postgres: the master key every node wraps personal-data keys with; never made here. */
export function sharedMasterKey(config: Config): Buffer {
  const key = configuredMasterKey(masterKeyEnvironment(config));
  if (!key) throw new ConfigError('LEDGER_MASTER_KEY or LEDGER_MASTER_KEY_FILE is required when STORE=postgres: every node must open the same personal-data keys');
  return key;
}
