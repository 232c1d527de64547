// Sends one fuzzed request to the real server and judges the answer against the API's promises:
// never a 5xx, every refusal in the one error shape with no stack trace, and a refused request
// leaves the log as it was.

import type { Harness } from './harness.js';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** A stream goes out chunked, with no length up front. */
  body?: string | Buffer | ReadableStream<Uint8Array>;
}

export interface FuzzTally {
  sent: number;
  byStatus: Map<number, number>;
  /** One line per broken promise, with the request that broke it. */
  problems: string[];
  fiveHundreds: number;
}

export function newTally(): FuzzTally {
  return { sent: 0, byStatus: new Map(), problems: [], fiveHundreds: 0 };
}

// A V8 stack frame, a source path, or a stack property: none may reach a client.
const INTERNALS = /\n\s+at |\(\/[^)]*:\d+:\d+\)|\/work\/|node_modules|\.ts:\d+|"stack"\s*:/;

function describe(request: FuzzRequest): string {
  const { body: sent } = request;
  const body = sent === undefined ? '' : sent instanceof ReadableStream ? ' body(stream)' : ` body(${sent.length}B)=${String(sent).slice(0, 300)}`;
  const headers = Object.entries(request.headers)
    .filter(([k]) => k !== 'authorization')
    .map(([k, v]) => `${k}: ${v.slice(0, 80)}`)
    .join('; ');
  return `${request.method} ${request.path.slice(0, 300)} [${headers}]${body}`;
}

/** What is wrong with this answer, if anything. */
export function judge(status: number, contentType: string, text: string, logGrew: boolean): string[] {
  const wrong: string[] = [];
  if (status >= 500) wrong.push(`${status}`);
  if (INTERNALS.test(text)) wrong.push('internals in the body');
  if (status >= 400) {
    if (logGrew) wrong.push('a refused request changed the log');
    // Pages answer people in HTML; everything else answers in the one JSON error shape.
    if (!contentType.startsWith('text/html')) {
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const error = body?.error;
      const shaped =
        error !== null &&
        typeof error === 'object' &&
        typeof error.code === 'string' &&
        error.code.length > 0 &&
        typeof error.message === 'string' &&
        (error.details === undefined || (typeof error.details === 'object' && error.details !== null && !Array.isArray(error.details))) &&
        Object.keys(body).length === 1;
      if (!shaped) wrong.push(`not the error shape: ${text.slice(0, 200)}`);
    }
  }
  return wrong;
}

export async function fire(ledger: Harness, request: FuzzRequest, tally: FuzzTally): Promise<number> {
  const before = await ledger.app.store.headPosition();
  const started = performance.now();
  const response = await fetch(ledger.url + request.path, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
    ...(request.body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await response.text();
  const after = await ledger.app.store.headPosition();
  const took = performance.now() - started;
  if (process.env.FUZZ_SLOW && took > Number(process.env.FUZZ_SLOW)) console.log(`slow ${Math.round(took)}ms ${response.status} ${describe(request).slice(0, 200)}`);
  tally.sent++;
  tally.byStatus.set(response.status, (tally.byStatus.get(response.status) ?? 0) + 1);
  if (response.status >= 500) tally.fiveHundreds++;
  const wrong = judge(response.status, response.headers.get('content-type') ?? '', text, after !== before);
  if (wrong.length > 0) tally.problems.push(`${wrong.join(', ')} <- ${describe(request)} -> ${response.status} ${text.slice(0, 200)}`);
  return response.status;
}

export function summary(name: string, tally: FuzzTally): string {
  const statuses = [...tally.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`).join(' ');
  return `${name}: ${tally.sent} requests, ${tally.fiveHundreds} 5xx, ${tally.problems.length} problems (${statuses})`;
}
