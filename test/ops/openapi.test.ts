// The OpenAPI document: built once and served from memory, shared schemas named once, every
// operation complete (operationId, summary, error responses, example), and clean under
// Redocly's recommended rules (the same lint CI runs).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ledgerForThisFile } from '../api/harness.js';
import { root } from '../support/ledger-process.js';

const ledger = await ledgerForThisFile();
const fetched = await fetch(`${ledger.url}/openapi.json`);
const text = await fetched.text();
const doc = JSON.parse(text);

type Operation = { operationId?: string; summary?: string; security?: unknown[]; parameters?: unknown[]; requestBody?: any; responses: Record<string, any> };
const operations: [string, Operation][] = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]),
);

describe('the OpenAPI document', () => {
  it('is built once: every request gets the same bytes and ETag, and If-None-Match gets 304', async () => {
    const again = await fetch(`${ledger.url}/openapi.json`);
    expect(again.headers.get('etag')).toBe(fetched.headers.get('etag'));
    expect(await again.text()).toBe(text);
    const unchanged = await fetch(`${ledger.url}/openapi.json`, { headers: { 'if-none-match': fetched.headers.get('etag') as string } });
    expect(unchanged.status).toBe(304);
  });

  it('gives /docs the same document', async () => {
    const docs = await fetch(`${ledger.url}/docs/json`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toBe(text);
  });

  it('names the date, ids, the error shape and the write headers once, in components, and refers to them', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['CalendarDate', 'EntityId', 'Error', 'CommandResult']));
    expect(Object.keys(doc.components.parameters)).toEqual(expect.arrayContaining(['IdempotencyKeyHeader', 'IfMatchHeader']));
    expect(Object.keys(doc.components.responses)).toEqual(expect.arrayContaining(['BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'TooManyRequests']));
    // The date's pattern, the id's pattern and the error's wording each appear once in the whole text.
    const once = (needle: string) => text.split(needle).length - 1;
    expect(once(JSON.stringify(doc.components.schemas.CalendarDate.pattern))).toBe(1);
    expect(once(JSON.stringify(doc.components.schemas.EntityId.pattern))).toBe(1);
    expect(once('Stable: match on this, not the message')).toBe(1);
    expect(once('"name":"idempotency-key"')).toBe(1);
  });

  it('is a fraction of the 541 KB it was when every route inlined its schemas', () => {
    expect(text.length).toBeLessThan(200_000);
  });

  it('gives every operation a unique, stable operationId, a summary, its error responses and an example', () => {
    expect(operations.length).toBeGreaterThan(70);
    const ids = operations.map(([, op]) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const byRoute = Object.fromEntries(operations.map(([route, op]) => [route, op]));
    expect(byRoute['GET /v1/activities/{activityId}/events']?.operationId).toBe('getActivitiesEventsByActivityId');
    expect(byRoute['POST /v1/activities']?.operationId).toBe('postActivities');
    for (const [route, op] of operations) {
      expect(op.summary, route).toMatch(/\w/);
      const statuses = Object.keys(op.responses);
      expect(statuses, route).toContain('429');
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!isPublic) expect(statuses, route).toEqual(expect.arrayContaining(['401', '403']));
      if (route.includes('{')) expect(statuses, route).toContain('404');
      if (route.startsWith('POST')) expect(statuses, route).toEqual(expect.arrayContaining(['409', '422']));
      const answer = Object.entries(op.responses).find(([status]) => status.startsWith('2'))?.[1];
      // A success response many operations share is named once in components.responses.
      const success = answer?.$ref ? doc.components.responses[answer.$ref.split('/').pop()] : answer;
      const bodyExample = op.requestBody?.content?.['application/json']?.example;
      const responseExample = success?.content?.['application/json']?.example ?? success?.content?.['text/plain'] ?? success?.content?.['text/javascript']?.schema?.example;
      expect(bodyExample ?? responseExample, `${route} has an example`).toBeDefined();
      if (op.requestBody?.content?.['application/json']) expect(bodyExample, `${route} request example`).toBeDefined();
    }
  });

  it('lists GETs without the write errors they cannot give', () => {
    const read = operations.find(([route]) => route === 'GET /v1/decisions/{decisionId}')?.[1];
    expect(Object.keys(read?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '404', '429']);
  });

  it('marks the public routes as needing no token', () => {
    const publicKey = operations.find(([route]) => route === 'GET /v1/integrity/public-key')?.[1];
    const ready = operations.find(([route]) => route === 'GET /health/ready')?.[1];
    expect(publicKey?.security).toEqual([]);
    expect(ready?.security).toEqual([]);
    expect(Object.keys(ready?.responses ?? {})).not.toContain('401');
  });

  it('validates and lints clean with Redocly’s recommended rules (0 errors, 0 warnings)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, text);
      const lint = spawnSync(join(root, 'node_modules/.bin/redocly'), ['lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'stylish'], {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        timeout: 120_000,
      });
      const output = `${lint.stdout}\n${lint.stderr}`;
      expect(lint.status, output).toBe(0);
      expect(output).toContain('Your API description is valid');
      // (Redocly's own banner about Node 20 says "Deprecation warning"; the rules' warnings do not look like that.)
      expect(output).not.toMatch(/^\s*\d+:\d+\s+warning\b/m);
      expect(output).not.toMatch(/with \d+ warnings?/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it('answers 100 concurrent requests from the bytes built at start, never building or serialising it again', async () => {
    // Rebuilding and serialising 541 KB per request held /health for a 6.3 s median at 100 requests a second.
    const built = vi.spyOn(ledger.app.server, 'swagger');
    const stringify = vi.spyOn(JSON, 'stringify');
    const bodies = await Promise.all(Array.from({ length: 100 }, () => fetch(`${ledger.url}/openapi.json`).then((r) => r.text())));
    const largeStringifies = stringify.mock.results.filter((r) => typeof r.value === 'string' && r.value.length > 10_000).length;
    built.mockRestore();
    stringify.mockRestore();
    expect(bodies.every((body) => body === text)).toBe(true);
    expect(built).not.toHaveBeenCalled();
    expect(largeStringifies).toBe(0);
    expect((await fetch(`${ledger.url}/health`)).status).toBe(200);
  });
});
