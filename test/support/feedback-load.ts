// Concurrent officers posting survey responses one at a time, each with its own
// Idempotency-Key, and keeping what the ledger acknowledged: the event ids of every 2xx.
// A request that got no answer (the server died under it) is unacknowledged: the
// client may retry it later with the same key.
//
// The body names no feedbackId: the server makes a new one each time it records a
// response, so nothing but the Idempotency-Key stops a retry from recording it twice.
// Each response's text is its own (it carries the key), which is how a test finds it in the log.

import type { Random } from './seeded.js';

export interface FeedbackRequest {
  /** The Idempotency-Key: one request, one key. */
  key: string;
  activityId: string;
}

/** The text a request records: unique to the request, so the log shows how often it was recorded. */
export const feedbackText = (request: FeedbackRequest): string => `Answer to request ${request.key}`;

export type Answer =
  | { kind: 'acknowledged'; status: number; replayed: boolean; eventIds: string[] }
  | { kind: 'refused'; status: number; code: string }
  | { kind: 'no-answer'; reason: string };

export async function postFeedback(url: string, token: string, request: FeedbackRequest): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${url}/v1/activities/${request.activityId}/feedback`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': request.key },
      body: JSON.stringify({ kind: 'response', receivedOn: '2012-09-10', text: feedbackText(request) }),
    });
  } catch (error) {
    return { kind: 'no-answer', reason: String((error as Error).cause ?? error) };
  }
  let body: { events?: Array<{ id: string }>; error?: { code: string } };
  try {
    body = (await response.json()) as typeof body;
  } catch (error) {
    // The status line arrived, the body did not: as good as no answer.
    return { kind: 'no-answer', reason: `body cut off: ${String(error)}` };
  }
  if (response.ok) {
    return { kind: 'acknowledged', status: response.status, replayed: response.headers.get('idempotent-replayed') === 'true', eventIds: (body.events ?? []).map((e) => e.id) };
  }
  return { kind: 'refused', status: response.status, code: body.error?.code ?? 'none' };
}

export interface LoadOutcome {
  acknowledged: Array<{ request: FeedbackRequest; eventIds: string[] }>;
  unanswered: FeedbackRequest[];
  refused: Array<{ request: FeedbackRequest; status: number; code: string }>;
}

export interface Load {
  /** Requests acknowledged so far. */
  acknowledged(): number;
  /** Resolves once at least `count` requests were acknowledged (or the load ended). */
  acknowledgedAtLeast(count: number): Promise<void>;
  /** Stop sending; resolves when every client's last request has its answer (or none). */
  stop(): Promise<LoadOutcome>;
}

export function feedbackLoad(options: { url: string; token: string; activities: readonly string[]; clients: number; random: Random; keyPrefix: string }): Load {
  const outcome: LoadOutcome = { acknowledged: [], unanswered: [], refused: [] };
  let stopped = false;
  let sent = 0;
  const watchers: Array<{ count: number; resolve(): void }> = [];
  const notify = () => {
    for (const watcher of [...watchers]) {
      if (outcome.acknowledged.length >= watcher.count || stopped) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
  };

  const client = async () => {
    while (!stopped) {
      const request = {
        key: `${options.keyPrefix}-${++sent}`,
        activityId: options.activities[Math.floor(options.random() * options.activities.length)] as string,
      };
      const answer = await postFeedback(options.url, options.token, request);
      if (answer.kind === 'acknowledged') outcome.acknowledged.push({ request, eventIds: answer.eventIds });
      else if (answer.kind === 'refused') outcome.refused.push({ request, status: answer.status, code: answer.code });
      else {
        // The server is gone: this client stops; its last request is for a retry.
        outcome.unanswered.push(request);
        break;
      }
      notify();
    }
  };
  const clients = Array.from({ length: options.clients }, () => client());
  const ended = Promise.all(clients).then(() => {
    stopped = true;
    notify();
  });

  return {
    acknowledged: () => outcome.acknowledged.length,
    acknowledgedAtLeast(count) {
      return new Promise((resolve) => {
        watchers.push({ count, resolve });
        notify();
      });
    },
    async stop() {
      stopped = true;
      await ended;
      return outcome;
    },
  };
}

export interface ClusterLoadOutcome extends LoadOutcome {
  /** Requests whose node died under them and that were sent again to another node, with their final answer. */
  failedOver: Array<{ request: FeedbackRequest; answer: Answer }>;
}

/**
 * The same officers in front of several nodes: each request goes to a node drawn at random
 * from those `live()` lists; when its node dies under it, the client sends it again, with the
 * same Idempotency-Key, to another live node, as a client behind a load balancer would.
 */
export function clusterFeedbackLoad(options: {
  live: () => string[];
  token: string;
  activities: readonly string[];
  clients: number;
  random: Random;
  keyPrefix: string;
}): Omit<Load, 'stop'> & { stop(): Promise<ClusterLoadOutcome> } {
  const outcome: ClusterLoadOutcome = { acknowledged: [], unanswered: [], refused: [], failedOver: [] };
  let stopped = false;
  let sent = 0;
  const watchers: Array<{ count: number; resolve(): void }> = [];
  const notify = () => {
    for (const watcher of [...watchers]) {
      if (outcome.acknowledged.length >= watcher.count || stopped) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
  };
  const pick = (excluding?: string): string | undefined => {
    const urls = options.live().filter((url) => url !== excluding);
    return urls[Math.floor(options.random() * urls.length)];
  };

  const client = async () => {
    while (!stopped) {
      const request = {
        key: `${options.keyPrefix}-${++sent}`,
        activityId: options.activities[Math.floor(options.random() * options.activities.length)] as string,
      };
      const first = pick();
      if (!first) break;
      let answer = await postFeedback(first, options.token, request);
      if (answer.kind === 'no-answer') {
        // Its node died: the same request, to another node.
        for (let attempt = 0; attempt < 20 && answer.kind === 'no-answer'; attempt++) {
          const other = pick(first);
          if (!other) break;
          answer = await postFeedback(other, options.token, request);
        }
        outcome.failedOver.push({ request, answer });
      }
      if (answer.kind === 'acknowledged') outcome.acknowledged.push({ request, eventIds: answer.eventIds });
      else if (answer.kind === 'refused') outcome.refused.push({ request, status: answer.status, code: answer.code });
      else outcome.unanswered.push(request);
      notify();
    }
  };
  const clients = Array.from({ length: options.clients }, () => client());
  const ended = Promise.all(clients).then(() => {
    stopped = true;
    notify();
  });
  return {
    acknowledged: () => outcome.acknowledged.length,
    acknowledgedAtLeast(count) {
      return new Promise((resolve) => {
        watchers.push({ count, resolve });
        notify();
      });
    },
    async stop() {
      stopped = true;
      await ended;
      return outcome;
    },
  };
}
