// The two keys every node of one ledger shares (LEDGER_SIGNING_KEY, LEDGER_MASTER_KEY), made
// fresh for a test's ledger, as an operator makes them once for a deployment.

import { generateKeyPairSync, randomBytes } from 'node:crypto';

export function sharedKeys(): { LEDGER_SIGNING_KEY: string; LEDGER_MASTER_KEY: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    LEDGER_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    LEDGER_MASTER_KEY: randomBytes(32).toString('base64'),
  };
}
