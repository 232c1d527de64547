// `ledger openapi [--out FILE]`: the OpenAPI document the server serves, written without
// serving: for generating a client offline, and for CI's lint. Built by a server on a
// throwaway data directory (the document depends on the routes, not on the data).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedgerApp } from '../app.js';
import { loadConfig } from '../config.js';

export async function openapiCommand(options: { out?: string }): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-openapi-'));
  try {
    const app = await openLedgerApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { logger: false });
    try {
      await app.server.ready();
      const text = `${JSON.stringify(app.server.swagger(), null, 2)}\n`;
      if (options.out) writeFileSync(options.out, text);
      else process.stdout.write(text);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
