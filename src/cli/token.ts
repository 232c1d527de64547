// `ledger token create`: a credential issued from the machine that holds the data,
// for the first officers, or when the administrator token is lost.

import { Credentials } from '../credentials/credentials.js';
import { openServerDb } from '../api/server-db.js';
import type { Role } from '../domain/actor.js';
import { configOrExit } from './environment.js';

export function createToken(options: { role: Role; org?: string; label?: string; dataDir?: string }): void {
  const config = configOrExit({ DATA_DIR: options.dataDir });
  const db = openServerDb(config.DATA_DIR);
  try {
    const issued = new Credentials(db).issue({
      role: options.role,
      organisationId: options.org ?? null,
      label: options.label ?? `${options.role}${options.org ? ` for ${options.org}` : ''}`,
      createdBy: 'ledger token create',
    });
    process.stderr.write(`Issued a ${issued.role} token (credential ${issued.id}). It is shown once; keep it safe:\n`);
    process.stdout.write(`${issued.token}\n`);
  } finally {
    db.close();
  }
}
