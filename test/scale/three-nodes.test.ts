// Three `ledger serve` processes on different ports over one PostgreSQL and one Redis, a
// `ledger worker` keeping the read models (test/support/cluster.ts): any node answers any
// request. Writes meeting on two nodes, one Idempotency-Key sent to two nodes at once, a
// credential revoked through one node, a browser session opened on another, statements
// signed by all three at once, and what each node keeps in its DATA_DIR.

import { readdirSync } from 'node:fs';
import { verifyEvent } from '../../src/audit/merkle/verifier.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action, strategy, survey } from '../api/bodies.js';
import { clusterServices, startCluster, type Cluster } from '../support/cluster.js';

const ready = await clusterServices('three nodes');
/** How long a node trusts a token it verified: a revocation through another node is seen within it. */
const AUTH_CACHE_MS = 100;

interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

async function call(url: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), redirect: 'manual' });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // an HTML page
  }
  return { status: response.status, headers: response.headers, body };
}

describe.skipIf(!ready)('three API nodes on one PostgreSQL and one Redis', () => {
  let cluster: Cluster;
  let officer: string;
  let planId: string;
  const node = (i: number) => cluster.url(i);

  const created = async (i: number, path: string, body: unknown, token = officer): Promise<Reply> => {
    const reply = await call(node(i), 'POST', path, { token, body });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply;
  };

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 3, label: 'three_nodes', env: { AUTH_CACHE_MS: String(AUTH_CACHE_MS) } });
    // The administrator token the first node issued works on the third: one credential store.
    await created(2, '/v1/organisations', { organisationId: 'halton-council', name: 'Halton Borough Council', kind: 'council_service' }, cluster.adminToken);
    officer = (await created(1, '/v1/credentials', { role: 'officer', organisationId: 'halton-council', label: 'officer' }, cluster.adminToken)).body.token;
    planId = (await created(0, '/v1/plans', strategy)).body.createdId;
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  });

  it('of two nodes changing one action with the same If-Match at the same moment, one answers 200 and the other 409, and one event is recorded', async () => {
    for (let round = 0; round < 5; round++) {
      const actionId = (await created(round % 3, '/v1/actions', action(planId))).body.createdId as string;
      const [a, b] = [round % 3, (round + 1) % 3];
      const progress = (i: number) =>
        call(node(i), 'POST', `/v1/actions/${actionId}/progress`, { token: officer, headers: { 'if-match': '"0"' }, body: { notedOn: '2013-03-01', note: `From node ${i + 1}` } });

      const replies = await Promise.all([progress(a), progress(b)]);

      expect(replies.map((r) => r.status).sort(), JSON.stringify(replies.map((r) => r.body))).toEqual([200, 409]);
      expect(replies.find((r) => r.status === 409)?.body.error).toMatchObject({ code: 'REVISION_CONFLICT', details: { currentRevision: 1 } });
      const history = await call(node((round + 2) % 3), 'GET', `/v1/actions/${actionId}/events`, { token: officer });
      expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['ActionPlanned', 'ActionProgressNoted']);
    }
  });

  it('records one event for one Idempotency-Key sent to two nodes at once, answers both alike, and replays it on a third', async () => {
    const activityId = (await created(0, '/v1/activities', survey)).body.createdId as string;
    expect((await call(node(1), 'POST', `/v1/activities/${activityId}/open`, { token: officer, body: { openedOn: '2012-09-01' } })).status).toBe(200);
    for (let round = 0; round < 5; round++) {
      const key = `two-nodes-${round}`;
      const send = (i: number, path: string, body: unknown) => call(node(i), 'POST', path, { token: officer, headers: { 'idempotency-key': key }, body });
      // Alternately a response to record, and an activity whose id the server makes.
      const [path, body] = round % 2 === 0 ? [`/v1/activities/${activityId}/feedback`, { kind: 'response', receivedOn: '2012-09-10', text: `Answer ${key}` }] : ['/v1/activities', { ...survey, title: `Survey ${key}` }];

      const [first, second] = await Promise.all([send(round % 3, path, body), send((round + 1) % 3, path, body)]);
      const third = await send((round + 2) % 3, path, body);

      expect([first.status, second.status], JSON.stringify([first.body, second.body])).toEqual([third.status, third.status]);
      expect(third.status).toBeLessThan(300);
      expect(second.body).toEqual(first.body);
      expect(third.body).toEqual(first.body);
      expect(third.headers.get('idempotent-replayed')).toBe('true');
      expect([first, second].filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(1);
      const log = await call(node(round % 3), 'GET', `/v1/events?after=${first.body.position - 1}&limit=50`, { token: cluster.adminToken });
      expect(log.body.events.filter((e: { id: string }) => e.id === first.body.events[0].id)).toHaveLength(1);
    }
    const feedback = await call(node(2), 'GET', `/v1/activities/${activityId}`, { token: officer });
    expect(feedback.body.state.feedback).toMatchObject({ received: 3 });
  });

  it('refuses a credential on every node once AUTH_CACHE_MS has passed after its revocation through one, and ends its browser session everywhere', async () => {
    const panel = (await created(0, '/v1/credentials', { role: 'scrutiny', label: 'panel chair' }, cluster.adminToken)).body as { id: string; token: string };
    // Signed in on node 1, as a browser posts the form of node 1's own page.
    const signIn = await fetch(`${node(0)}/pages/login`, {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: node(0), 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ token: panel.token, next: '/pages' }).toString(),
      redirect: 'manual',
    });
    expect(signIn.status).toBe(303);
    const cookie = (signIn.headers.getSetCookie()[0] as string).split(';')[0] as string;
    // The session works on the two other nodes.
    for (const i of [1, 2]) {
      expect((await call(node(i), 'GET', '/pages', { headers: { cookie, accept: 'text/html' } })).status).toBe(200);
      expect((await call(node(i), 'GET', '/v1/projections', { headers: { cookie } })).status).toBe(200);
      expect((await call(node(i), 'GET', '/v1/projections', { token: panel.token })).status).toBe(200);
    }

    expect((await call(node(2), 'POST', `/v1/credentials/${panel.id}/revoke`, { token: cluster.adminToken, body: { reason: 'left the panel' } })).status).toBe(200);
    // The other nodes verified the token just now: they may trust it until their bound has passed.
    await new Promise((resolve) => setTimeout(resolve, AUTH_CACHE_MS + 20));

    for (const i of [0, 1]) {
      const bearer = await call(node(i), 'GET', '/v1/projections', { token: panel.token });
      expect([bearer.status, bearer.body.error.code]).toEqual([401, 'CREDENTIAL_REVOKED']);
      expect((await call(node(i), 'GET', '/v1/projections', { headers: { cookie } })).status).toBe(401);
    }
  });

  it('signs one statement at a time when all three nodes are asked at once, each extending the last', async () => {
    await created(1, '/v1/activities', { ...survey, title: 'Before the statements' });
    const auditor = (await created(0, '/v1/credentials', { role: 'auditor', label: 'auditor' }, cluster.adminToken)).body.token as string;

    const signed = await Promise.all([0, 1, 2].map((i) => call(node(i), 'POST', '/v1/integrity/checkpoints', { token: auditor })));

    expect(signed.map((s) => s.status)).toEqual([201, 201, 201]);
    const keys = await Promise.all([0, 1, 2].map((i) => call(node(i), 'GET', '/v1/integrity/public-key')));
    expect(new Set(keys.map((k) => `${k.body.ledger} ${k.body.keyId}`)).size).toBe(1);
    for (const statement of signed.map((s) => s.body)) expect(statement).toMatchObject({ ledger: keys[0]?.body.ledger, keyId: keys[0]?.body.keyId });
    const verified = await call(node(2), 'GET', '/v1/integrity', { token: auditor });
    expect(verified.body).toMatchObject({ ok: true, checkpoints: { stored: 3, held: 3, invalid: [] } });
    const listed = await call(node(1), 'GET', '/v1/integrity/checkpoints', { token: auditor });
    expect(listed.body.checkpoints).toHaveLength(3);

    // The Merkle tree every node extended: an event proved by one node against the tree head another signed.
    const treeHead = (await fetch(`${node(0)}/v1/integrity/tree-head`).then((r) => r.text())) as string;
    const proof = await call(node(2), 'GET', `/v1/integrity/proofs/inclusion?position=3&size=${signed[0]?.body.position}`, { token: auditor });
    expect(proof.status, JSON.stringify(proof.body)).toBe(200);
    const key = keys[0]?.body as { raw: string; origin: string };
    const answer = await verifyEvent({ treeHead: proof.body.treeHead ?? treeHead, publicKey: key.raw, origin: key.origin, event: proof.body.leaf, proof: proof.body });
    expect(answer).toMatchObject({ ok: true, position: 3 });
  });

  it('shows an officer their write on another node once the workers have applied it', async () => {
    const planned = await created(0, '/v1/activities', { ...survey, title: 'Read back on node 3' });
    const calendar = await call(node(2), 'GET', `/v1/calendar?after=${planned.body.position}`, { token: officer });
    expect(calendar.body.caughtUp).toBe(true);
    expect(calendar.body.rows.map((r: { activityId: string }) => r.activityId)).toContain(planned.body.createdId);
  });

  it('keeps nothing in a node’s DATA_DIR another node needs: only the first node’s administrator token', () => {
    expect(cluster.dataDirs.map((dir) => readdirSync(dir).sort())).toEqual([['admin-token'], [], []]);
  });
});
