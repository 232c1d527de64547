// Hostile input below the JSON: wrong and missing content types, bodies that are not UTF-8,
// bodies over the limit (declared or chunked), nesting thousands deep, and requests that are
// not well-formed HTTP at all, sent over a raw socket. Every answer is below 500, in the one
// error shape, and the log does not move.

import { connect } from 'node:net';
import fc from 'fast-check';
import type { FastifyServerOptions } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { callersOf } from './fuzz-callers.js';
import { fire, judge, newTally, summary, type FuzzRequest } from './fuzz-client.js';
import { deepJson } from './fuzz-json.js';
import { ledgerForThisFile } from './harness.js';
import { registered, requestPath } from './route-table.js';

vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof import('fastify')>();
  const { observeRoutes: observe } = await import('./route-table.js');
  const fastify = (options?: FastifyServerOptions) => observe(real.default(options));
  return { ...real, default: Object.assign(fastify, real.default) };
});

const BODY_LIMIT = 16 * 1024;
const ledger = await ledgerForThisFile({ BODY_LIMIT_BYTES: String(BODY_LIMIT), RATE_LIMIT_PER_MINUTE: '100000000' });
const officer = await ledger.tokenFor('officer', 'halton-borough-council');
const writes = [...new Map(registered.filter((r) => r.method === 'POST').map((r) => [r.url, r])).values()];
/** The JSON API promises exact statuses; pages (forms) and the rest only the general promises. */
const api = writes.filter((route) => route.url.startsWith('/v1/'));
// Each write route gets a caller it lets through, so requests get past the role check to the body.
const callers = new Map<string, string>();
for (const route of writes) {
  const { allowed } = await callersOf(ledger, route, [`Bearer ${officer}`, `Bearer ${ledger.adminToken}`, `Bearer ${await ledger.tokenFor('auditor')}`], []);
  callers.set(route.url, allowed[0] ?? '');
}
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const tally = newTally();

function post(url: string, headers: Record<string, string>, body?: FuzzRequest['body']): FuzzRequest {
  return { method: 'POST', path: requestPath(url), headers: { authorization: callers.get(url) ?? '', ...headers }, body };
}

// Hundreds of requests per test: room for a loaded CI machine.
describe(`hostile transport on every write route (seed ${seed})`, { timeout: 90_000 }, () => {
  it('refuses every body that is not JSON with 415, and JSON in the wrong dress too', async () => {
    const types = ['text/plain', 'text/html', 'application/x-www-form-urlencoded', 'application/xml', 'text/xml', 'multipart/form-data; boundary=x', 'application/octet-stream', 'text/csv', 'image/png'];
    for (const route of api) {
      for (const type of types) {
        const status = await fire(ledger, post(route.url, { 'content-type': type }, type.startsWith('multipart') ? '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n' : 'a=1&b=2'), tally);
        expect(status, `${route.url} as ${type}`).toBe(415);
      }
    }
    expect(tally.problems).toEqual([]);
  });

  it('answers a body without a content type, or with a broken one, in the error shape', async () => {
    const bodies = ['{}', 'a=1', '\u0000', ''];
    const types = [undefined, '', ';', 'application/', '/json', 'application/json; charset=klingon', 'application/json; charset=utf-16le', 'application/json\u00ff'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fc.constantFrom(...types), fc.constantFrom(...bodies), async (route, type, body) => {
        await fire(ledger, post(route.url, type === undefined ? {} : { 'content-type': type }, Buffer.from(body)), tally);
      }),
      { numRuns: 300, seed },
    );
    expect(tally.problems).toEqual([]);
  });

  it('survives bytes that are not UTF-8, inside JSON and as the whole body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fc.uint8Array({ maxLength: 200 }), fc.boolean(), async (route, bytes, wrapped) => {
        const body = wrapped ? Buffer.concat([Buffer.from('{"title":"'), bytes, Buffer.from('"}')]) : Buffer.from(bytes);
        await fire(ledger, post(route.url, { 'content-type': 'application/json' }, body), tally);
      }),
      { numRuns: 300, seed },
    );
    expect(tally.problems).toEqual([]);
  });

  it('refuses bodies over BODY_LIMIT_BYTES with 413, whether declared, chunked or lied about', async () => {
    const big = Buffer.from(JSON.stringify({ title: 'x'.repeat(BODY_LIMIT) }));
    for (const route of api) {
      expect(await fire(ledger, post(route.url, { 'content-type': 'application/json' }, big), tally)).toBe(413);
      // Chunked: no length up front, the limit is found on the way in.
      const chunked = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(BODY_LIMIT / 2).fill(0x20));
          controller.close();
        },
      });
      const status = await fire(ledger, post(route.url, { 'content-type': 'application/json' }, chunked), tally);
      expect(status).toBe(413);
    }
    expect(tally.problems).toEqual([]);
  });

  it('refuses nesting 10,000 and 100,000 deep without falling over', async () => {
    for (const route of writes) {
      for (const depth of [10_000, 100_000]) {
        for (const kind of ['array', 'object'] as const) {
          const status = await fire(ledger, post(route.url, { 'content-type': 'application/json' }, deepJson(depth, kind).json), tally);
          expect(status).toBeGreaterThanOrEqual(400);
        }
      }
    }
    expect(tally.problems).toEqual([]);
  });

  it('answers requests that are not well-formed HTTP in the error shape, over a raw socket', async () => {
    const { port } = new URL(ledger.url);
    const auth = `Authorization: Bearer ${officer}\r\n`;
    const raw = [
      'GARBAGE\r\n\r\n',
      'GET /health HTTP/9.9\r\n\r\n',
      'GET /v1/activities/a\u0000b HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /v1/activities/a b HTTP/1.1\r\nHost: x\r\n\r\n',
      `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      'GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
      `POST /v1/activities HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n{}{}{}`,
      `POST /v1/activities HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: -1\r\n\r\n{}`,
      `POST /v1/activities HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      `POST /v1/activities HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
      `POST /v1/activities HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{}`,
      'GET http://evil.example/v1/events HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /v1/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET //v1//events HTTP/1.1\r\nHost: x\r\n\r\n',
      `GET /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'\u00ff'.repeat(10)}\r\n\r\n`,
    ];
    const before = await ledger.app.store.headPosition();
    for (const request of raw) {
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1');
        let text = '';
        socket.setTimeout(3_000, () => socket.destroy());
        socket.on('data', (chunk) => {
          text += chunk.toString('latin1');
        });
        socket.on('close', () => resolve(text));
        socket.on('error', () => undefined);
        socket.end(Buffer.from(request, 'latin1'));
      });
      tally.sent++;
      const [head = '', ...rest] = answer.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const contentType = /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '';
      expect(status, `no answer to ${JSON.stringify(request.slice(0, 80))}`).toBeGreaterThan(0);
      const wrong = judge(status, contentType, rest.join('\r\n\r\n'), false);
      expect(wrong, `${JSON.stringify(request.slice(0, 80))} -> ${answer.slice(0, 300)}`).toEqual([]);
    }
    expect(await ledger.app.store.headPosition()).toBe(before);
  });

  it('reports what it sent', () => {
    console.log(summary(`transport fuzz, seed ${seed}`, tally));
    expect(tally.fiveHundreds).toBe(0);
  });
});
