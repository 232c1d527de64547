// Slow clients are cut off: a body or headers dripped byte by byte, and an idle keep-alive
// connection, are closed once their configured timeout passes (before this, a dripped login
// body kept its socket open for as long as the client liked: requestTimeout was 0).

import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ledgerForThisFile } from '../api/harness.js';

const REQUEST_TIMEOUT_MS = 1_500;
const HEADERS_TIMEOUT_MS = 1_000;
const KEEP_ALIVE_TIMEOUT_MS = 500;
const ledger = await ledgerForThisFile({
  REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
  KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
});
const { hostname, port } = new URL(ledger.url);

interface Ended {
  afterMs: number;
  received: string;
  /** Bytes of the drip still unsent when the server closed the socket. */
  unsent: number;
}

/** Open a socket, send `head`, then drip `drip` one byte every `everyMs`; resolves when the server closes it. */
function drip(head: string, dripped: string, everyMs: number): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    const started = performance.now();
    let received = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => undefined); // a reset is a close too
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ afterMs: performance.now() - started, received, unsent: dripped.length - sent });
    });
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent >= dripped.length) {
          clearInterval(timer);
          reject(new Error('the whole drip was sent: the server never closed the socket'));
          return;
        }
        if (!socket.destroyed) socket.write(dripped[sent++] as string);
      }, everyMs);
    });
  });
}

describe('timeouts for slow clients', () => {
  it('closes 20 sockets dripping a login body with 408 once REQUEST_TIMEOUT_MS passes, long before the drip ends', async () => {
    const body = `token=${'x'.repeat(194)}`; // 200 bytes, at 10 a second: 20 s
    const head = `POST /pages/login HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`;
    const ended = await Promise.all(Array.from({ length: 20 }, () => drip(head, body, 100)));
    for (const socket of ended) {
      expect(socket.received).toMatch(/^HTTP\/1\.1 408 /);
      expect(socket.received).toContain('"REQUEST_TIMEOUT"');
      expect(socket.unsent).toBeGreaterThan(0);
      expect(socket.afterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    }
  }, 30_000);

  it('closes a socket dripping its headers with 408 once HEADERS_TIMEOUT_MS passes', async () => {
    const headers = `X-Slow: ${'y'.repeat(200)}\r\n\r\n`;
    const socket = await drip(`GET /health HTTP/1.1\r\nHost: ${hostname}\r\n`, headers, 100);
    expect(socket.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(socket.unsent).toBeGreaterThan(0);
    expect(socket.afterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
  }, 30_000);

  it('closes an idle keep-alive connection after KEEP_ALIVE_TIMEOUT_MS', async () => {
    // Nothing more is sent after the request: the drip's first byte would come only after a minute.
    const socket = await drip(`GET /health/live HTTP/1.1\r\nHost: ${hostname}\r\nConnection: keep-alive\r\n\r\n`, 'x', 60_000);
    expect(socket.received).toMatch(/^HTTP\/1\.1 200 /);
    expect(socket.received).toMatch(/keep-alive: timeout=\d+/i);
    expect(socket.afterMs).toBeGreaterThanOrEqual(KEEP_ALIVE_TIMEOUT_MS - 100);
  }, 30_000);

  it('refuses a configuration whose headers timeout exceeds the request timeout', () => {
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '2000' })).toThrow(/HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS/);
  });
});
