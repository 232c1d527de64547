// Short forms of what every resource's tests do: create something, and expect a refusal by code.

import { expect } from 'vitest';
import type { Harness } from './harness.js';

type Reply = Awaited<ReturnType<Harness['call']>>;

/** POST a command that creates something; returns the created id. */
export async function create(ledger: Harness, token: string, url: string, body: unknown): Promise<string> {
  const reply = await ledger.call('POST', url, { token, body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.createdId as string;
}

/** POST a command that must succeed; returns the reply. */
export async function send(ledger: Harness, token: string, url: string, body: unknown, headers?: Record<string, string>): Promise<Reply> {
  const reply = await ledger.call('POST', url, { token, body, headers });
  expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
  return reply;
}

export function expectRefused(reply: Reply, status: number, code: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body.error.code).toBe(code);
}

/** The field paths a 400 names. */
export function issuePaths(reply: Reply): string[] {
  expectRefused(reply, 400, 'VALIDATION_FAILED');
  return (reply.body.error.details.issues as { path: string }[]).map((issue) => issue.path);
}

export async function stateOf(ledger: Harness, token: string, url: string): Promise<any> {
  const reply = await ledger.call('GET', url, { token });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.state;
}

export async function eventTypes(ledger: Harness, token: string, url: string): Promise<string[]> {
  const reply = await ledger.call('GET', `${url}/events`, { token });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return (reply.body.events as { type: string }[]).map((e) => e.type);
}
