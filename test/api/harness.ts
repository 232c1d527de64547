// A real ledger behind a real listening server, on a temporary data directory.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SESSION_COOKIE } from '../../src/api/auth.js';
import { openLedgerApp, type LedgerApp } from '../../src/app.js';
import type { Clock } from '../../src/credentials/credentials.js';
import { loadConfig } from '../../src/config.js';
import type { Role } from '../../src/domain/actor.js';

export interface Harness {
  app: LedgerApp;
  url: string;
  adminToken: string;
  /** A token issued straight into the credential store (no check that the organisation exists). */
  tokenFor(role: Role, organisationId?: string): Promise<string>;
  /** A browser session opened for a token's credential, as the sign-in form opens one: a Cookie header. */
  sessionCookie(token: string): Promise<string>;
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

export async function startLedger(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-api-'));
  const app = await openLedgerApp(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...env }), { logger: false, clock: options.clock });
  const address = await app.server.listen({ port: 0, host: '127.0.0.1' });
  const adminToken = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
  return {
    app,
    url: address,
    adminToken,
    tokenFor: async (role, organisationId) => (await app.credentials.issue({ role, organisationId, label: `test ${role}`, createdBy: 'test' })).token,
    async sessionCookie(token) {
      const identified = await app.credentials.identify(token);
      if (!identified.ok) throw new Error(`no session for a token refused with ${identified.refusal}`);
      const opened = await app.sessions.open({ actor: identified.actor, credentialId: identified.credential.id, notAfter: identified.credential.expiresAt });
      return `${SESSION_COOKIE}=${opened.id}`;
    },
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined;
      if (options.body !== undefined) {
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(address + path, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (docs pages): keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A ledger for one test file: started now (top-level await), closed after the file's tests. */
export async function ledgerForThisFile(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<Harness> {
  const ledger = await startLedger(env, options);
  afterAll(() => ledger.close());
  return ledger;
}
