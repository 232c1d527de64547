// A client generated from the served document (openapi-typescript types, openapi-fetch calls)
// type-checks against it, refuses a body the API refuses, and works against the real server.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { ledgerForThisFile } from '../api/harness.js';
import { root } from '../support/ledger-process.js';

const ledger = await ledgerForThisFile();
// Inside node_modules, so the generated client resolves openapi-fetch as the project does.
const dir = join(root, 'node_modules/.cache', `openapi-client-${process.pid}-${Date.now()}`);
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const calls = `
import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

export async function run(baseUrl: string, token: string) {
  const client = createClient<paths>({ baseUrl, headers: { authorization: \`Bearer \${token}\` } });
  const ready = await client.GET('/health/ready');
  const created = await client.POST('/v1/organisations', {
    body: { name: 'Halton Borough Council', kind: 'council_service' },
    params: { header: { 'idempotency-key': 'client-test-1' } },
  });
  const organisationId: string = created.data?.createdId ?? 'none';
  const read = await client.GET('/v1/organisations/{organisationId}', { params: { path: { organisationId } } });
  const revision: number | undefined = read.data?.revision;
  const missing = await client.GET('/v1/organisations/{organisationId}', { params: { path: { organisationId: 'nowhere' } } });
  const code: string | undefined = missing.error?.error.code;
  return { ready: ready.data?.status, status: created.response.status, organisationId, revision, code };
}

export async function refused(baseUrl: string) {
  const client = createClient<paths>({ baseUrl });
  // @ts-expect-error: the document says an organisation needs a name and a kind
  return client.POST('/v1/organisations', { body: { nmae: 'typo' } });
}
`;

function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a client generated from the OpenAPI document', () => {
  it('type-checks typed calls, refuses a wrong body at compile time, and works against the running server', async () => {
    const document = (await (await fetch(`${ledger.url}/openapi.json`)).json()) as Parameters<typeof openapiTS>[0];
    writeFileSync(join(dir, 'schema.d.ts'), astToString(await openapiTS(document)));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const file = join(dir, 'calls.ts');
    writeFileSync(file, calls);
    expect(typeErrors(file)).toEqual([]);

    // The same file without the directive: the wrong body must be a type error, so the types are not `any`.
    const loose = join(dir, 'loose.ts');
    writeFileSync(loose, calls.replace(/\/\/ @ts-expect-error.*\n/, ''));
    expect(typeErrors(loose).join('\n')).toMatch(/nmae|name/);

    writeFileSync(join(dir, 'calls.mjs'), ts.transpileModule(calls, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
    const client = (await import(pathToFileURL(join(dir, 'calls.mjs')).href)) as { run(url: string, token: string): Promise<Record<string, unknown>> };
    const result = await client.run(ledger.url, ledger.adminToken);
    expect(result).toMatchObject({ ready: 'ready', status: 201, revision: 0, code: 'ORGANISATION_NOT_FOUND' });
    expect(result.organisationId).toMatch(/^[0-9A-Z]{26}$/);
  }, 120_000);
});
