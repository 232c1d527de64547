// Personal data end to end, through the real HTTP API and the command line (the erasure
// itself a separate process while the server runs; the others called in this process): sealed
// before it is stored, shown in clear only to the readers who may see it, and after
// `ledger erase --subject` unreadable everywhere, while every event recorded before the
// erasure stays byte for byte as it was and the chain still verifies.

import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundleCommand, verify, verifyBundleCommand } from '../../src/cli/audit.js';
import { eraseCommand } from '../../src/cli/erase.js';
import { SubjectKeys } from '../../src/privacy/key-store.js';
import { personalDataAccess, reveal } from '../../src/privacy/reveal.js';
import { startLedger, type Harness } from '../api/harness.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const viteNode = join(root, 'node_modules/vite-node/vite-node.mjs');

const jane = { name: 'Jane Doe', contact: 'jane.doe@example.org', postcode: 'WA7 1AB' };
const janeSays = 'I live at 12 Mersey Road and the 62 bus never comes';
const neighbourSays = 'My neighbour Ravi Patel at number 14 cannot get to the shops';
const anonymousSays = 'Keep the library open on Saturdays';
const plaintexts = [jane.name, jane.contact, jane.postcode, janeSays, neighbourSays];

let ledger: Harness;
let dataDir: string;
const tokens = {} as Record<'officer' | 'otherOfficer' | 'auditor' | 'scrutiny' | 'admin', string>;
let activityId: string;
let janeId: string;
let neighbourId: string;

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [viteNode, 'src/cli.ts', '--', ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDir } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every byte SQLite holds for a database: the file and its WAL. */
const bytesOf = (name: string): Buffer =>
  Buffer.concat([name, `${name}-wal`].map((f) => join(dataDir, f)).filter(existsSync).map((f) => readFileSync(f)));

/** The events table's rows exactly as stored. */
function storedRows(): { position: number; [column: string]: unknown }[] {
  const db = new Database(join(dataDir, 'ledger.db'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM events ORDER BY position').all() as { position: number }[];
  } finally {
    db.close();
  }
}

type Feedback = { feedbackId: string; text: unknown; respondent?: unknown };
async function feedbackAs(token: string): Promise<Map<string, Feedback>> {
  const history = await ledger.call('GET', `/v1/activities/${activityId}/events`, { token });
  expect(history.status).toBe(200);
  const feedback = history.body.events.filter((e: { type: string }) => e.type === 'FeedbackReceived').map((e: { data: Feedback }) => e.data);
  return new Map(feedback.map((f: Feedback) => [f.text === anonymousSays ? 'anonymous' : f.feedbackId, f]));
}

beforeAll(async () => {
  ledger = await startLedger();
  dataDir = ledger.app.config.DATA_DIR;
  tokens.officer = await ledger.tokenFor('officer', 'halton-council');
  tokens.otherOfficer = await ledger.tokenFor('officer', 'cheshire-police');
  tokens.auditor = await ledger.tokenFor('auditor');
  tokens.scrutiny = await ledger.tokenFor('scrutiny');
  tokens.admin = ledger.adminToken;
  const planned = await ledger.call('POST', '/v1/activities', {
    token: tokens.officer,
    body: { title: 'Bus services survey', category: 'consultation', method: 'survey', window: { opens: '2026-01-05', closes: '2026-02-28' } },
  });
  activityId = planned.body.createdId;
  await ledger.call('POST', `/v1/activities/${activityId}/open`, { token: tokens.officer, body: { openedOn: '2026-01-05' } });
}, 30_000);
afterAll(() => ledger.close());

describe('personal data, recorded', () => {
  it('returns a new subject id for each response holding personal data, and none for an anonymous one', async () => {
    const recorded = await ledger.call('POST', `/v1/activities/${activityId}/feedback`, {
      token: tokens.officer,
      body: {
        responses: [
          { feedbackId: 'jane', kind: 'response', receivedOn: '2026-01-10', text: janeSays, respondent: jane },
          { feedbackId: 'neighbour', kind: 'comment', receivedOn: '2026-01-11', text: neighbourSays, personalText: true },
          { kind: 'response', receivedOn: '2026-01-12', text: anonymousSays },
        ],
      },
    });
    expect(recorded.status).toBe(200);
    const subjects = recorded.body.subjects as { feedbackId: string; subjectId: string }[];
    expect(subjects.map((s) => s.feedbackId)).toEqual(['jane', 'neighbour']);
    [janeId, neighbourId] = subjects.map((s) => s.subjectId) as [string, string];
    expect(janeId).not.toBe(neighbourId);
  });

  it('stores no personal data in clear: not in the events table, nor in any database file', () => {
    const rows = JSON.stringify(storedRows());
    // The search finds text in clear where there is some: the anonymous response's.
    expect(rows).toContain(anonymousSays);
    for (const text of plaintexts) expect(rows).not.toContain(text);
    for (const file of ['ledger.db', 'readmodels.db', 'server.db', 'keys.db']) {
      const bytes = bytesOf(file);
      for (const text of plaintexts) expect(bytes.includes(text), `${text} in ${file}`).toBe(false);
    }
  });

  it('shows it in clear to officers of the recording organisation and to auditors, to no one else', async () => {
    const own = await feedbackAs(tokens.officer);
    expect(own.get('jane')).toMatchObject({ text: janeSays, respondent: { ...jane, subjectId: janeId } });
    expect(own.get('neighbour')).toMatchObject({ text: neighbourSays });
    expect(own.get('anonymous')).toMatchObject({ text: anonymousSays });

    const log = await ledger.call('GET', '/v1/events?limit=1000', { token: tokens.auditor });
    const inLog = log.body.events.find((e: { data: Feedback }) => e.data.feedbackId === 'jane');
    expect(inLog.data).toMatchObject({ text: janeSays, respondent: { ...jane, subjectId: janeId } });

    for (const token of [tokens.otherOfficer, tokens.scrutiny, tokens.admin]) {
      const seen = await feedbackAs(token);
      expect(seen.get('jane')).toMatchObject({ text: { withheld: true }, respondent: { withheld: true } });
      expect(seen.get('neighbour')).toMatchObject({ text: { withheld: true } });
      expect(seen.get('anonymous')).toMatchObject({ text: anonymousSays });
      expect(JSON.stringify([...seen.values()])).not.toContain(janeId);
    }
    // The trace carries each node's events too (serialised by its route, not by the schema).
    const trace = JSON.stringify((await ledger.call('GET', `/v1/trace/activities/${activityId}`, { token: tokens.scrutiny })).body);
    expect(trace).toContain('"withheld":true');
    for (const hidden of [janeId, neighbourId, 'aes-256-gcm', janeSays]) expect(trace).not.toContain(hidden);
  });
});

/** `value` with Jane's response as an erasure shows it: text and respondent replaced by markers. */
function withJaneErased(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withJaneErased);
  if (value === null || typeof value !== 'object') return value;
  const record = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withJaneErased(v)]));
  // Her response's data, in an event; a trace's summary names her response (first, last) but holds none of it.
  if (record.feedbackId !== 'jane' || !('text' in record)) return record;
  const marker = { erased: true, subjectId: janeId };
  return { ...record, text: marker, respondent: marker };
}

/** Runs a command function in this process, returning what it printed and the exit code it set. */
async function inProcess(command: () => Promise<void>): Promise<{ stdout: string; code: number }> {
  let stdout = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    await command();
  } finally {
    process.stdout.write = write;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { stdout, code };
}

/** Every byte of every file in DATA_DIR (databases, their WAL and shared-memory files, keys), by file name. */
function everyFileInDataDir(): Map<string, Buffer> {
  return new Map(readdirSync(dataDir, { withFileTypes: true }).filter((f) => f.isFile()).map((f) => [f.name, readFileSync(join(dataDir, f.name))]));
}

/** A subject's key as keys.db stores it (wrapped by the master key): the bytes an erasure must leave nowhere. */
function storedKeyOf(subjectId: string): Buffer {
  const db = new Database(join(dataDir, 'keys.db'), { readonly: true });
  try {
    return (db.prepare('SELECT wrapped FROM subject_keys WHERE subject_id = ?').get(subjectId) as { wrapped: Buffer }).wrapped;
  } finally {
    db.close();
  }
}

describe('ledger erase --subject', () => {
  let before: ReturnType<typeof storedRows>;
  let viewBefore: unknown;
  let traceBefore: unknown;
  let janesStoredKey: Buffer;
  let neighboursStoredKey: Buffer;

  beforeAll(async () => {
    before = storedRows();
    janesStoredKey = storedKeyOf(janeId);
    neighboursStoredKey = storedKeyOf(neighbourId);
    viewBefore = (await ledger.call('GET', `/v1/activities/${activityId}`, { token: tokens.scrutiny })).body;
    traceBefore = (await ledger.call('GET', `/v1/trace/activities/${activityId}`, { token: tokens.auditor })).body;
    // The server keeps running: the command line destroys the key in another process.
    const erased = await cli(['erase', '--subject', janeId, '--reason', 'Erasure request received 2026-03-01']);
    expect(erased.stderr).toBe('');
    expect(erased.code).toBe(0);
    expect(erased.stdout).toMatch(/recorded SubjectErased at position \d+; destroyed the key/);
  }, 60_000);

  it('leaves the subject’s key in no file of DATA_DIR (keys.db and its WAL included), and no personal data in clear', () => {
    const files = everyFileInDataDir();
    expect([...files.keys()]).toEqual(expect.arrayContaining(['keys.db', 'ledger.db', 'server.db']));
    // The search finds a key where there is one: the neighbour's, not erased.
    expect([...files.values()].some((bytes) => bytes.includes(neighboursStoredKey))).toBe(true);
    for (const [name, bytes] of files) {
      expect(bytes.includes(janesStoredKey), `Jane's key in ${name}`).toBe(false);
      for (const text of plaintexts) expect(bytes.includes(text), `${text} in ${name}`).toBe(false);
    }
  });

  it('appends one SubjectErased and leaves every earlier event byte for byte as it was', () => {
    const after = storedRows();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    const erasure = after.at(-1) as Record<string, unknown>;
    expect(erasure).toMatchObject({ type: 'SubjectErased', stream_id: `subject-${janeId}` });
    expect(JSON.parse(erasure.data as string)).toMatchObject({ subjectId: janeId, reason: 'Erasure request received 2026-03-01' });
  });

  it('shows the subject’s data as erased everywhere it was readable, and leaves the others’ readable', async () => {
    const own = await feedbackAs(tokens.officer);
    expect(own.get('jane')).toMatchObject({ text: { erased: true, subjectId: janeId }, respondent: { erased: true, subjectId: janeId } });
    expect(own.get('neighbour')).toMatchObject({ text: neighbourSays });
    expect(own.get('anonymous')).toMatchObject({ text: anonymousSays });

    const log = await ledger.call('GET', '/v1/events?limit=1000', { token: tokens.auditor });
    const text = JSON.stringify(log.body);
    for (const plain of [jane.name, jane.contact, jane.postcode, janeSays]) expect(text).not.toContain(plain);
    expect(log.body.events.find((e: { data: Feedback }) => e.data.feedbackId === 'jane').data.respondent).toEqual({ erased: true, subjectId: janeId });
    expect(log.body.events.at(-1)).toMatchObject({ type: 'SubjectErased', data: { subjectId: janeId } });
  });

  it('leaves the entity view as it was, and the trace as it was but for the erased markers', async () => {
    expect((await ledger.call('GET', `/v1/activities/${activityId}`, { token: tokens.scrutiny })).body).toEqual(viewBefore);
    const trace = (await ledger.call('GET', `/v1/trace/activities/${activityId}`, { token: tokens.auditor })).body;
    expect(JSON.stringify(traceBefore)).toContain(janeSays);
    // `asOf` is the log position it was read at: the erasure itself moved it on by one.
    expect(trace).toEqual({ ...(withJaneErased(traceBefore) as object), asOf: (traceBefore as { asOf: number }).asOf + 1 });
  });

  it('is idempotent: a second erasure records nothing more', async () => {
    const again = await inProcess(() => eraseCommand({ subject: janeId, reason: 'Asked twice.', dataDir }));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already recorded; the key was already destroyed/);
    expect(storedRows()).toHaveLength(before.length + 1);
    const viaApi = await ledger.call('POST', `/v1/subjects/${janeId}/erasure`, { token: tokens.admin, body: {} });
    expect(viaApi.body).toEqual({ subjectId: janeId, recorded: false, position: null, key: 'already_erased' });
  }, 30_000);

  it('refuses new personal data for the erased subject, personal data that fails its schema (without echoing it), and an erasure of a subject it never held', async () => {
    const refused = await ledger.call('POST', `/v1/activities/${activityId}/feedback`, {
      token: tokens.officer,
      body: { kind: 'response', receivedOn: '2026-01-20', text: 'Me again', respondent: { subjectId: janeId, name: jane.name } },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('SUBJECT_ERASED');
    const tooLong = 'WA7 1AB 9ZZ 12345';
    const invalid = await ledger.call('POST', `/v1/activities/${activityId}/feedback`, {
      token: tokens.officer,
      body: { kind: 'response', receivedOn: '2026-01-20', text: 'Hello', respondent: { postcode: tooLong } },
    });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body.error.details)).toContain('respondent.postcode');
    expect(JSON.stringify(invalid.body)).not.toContain(tooLong);
    const unknown = await ledger.call('POST', '/v1/subjects/nobody-at-all/erasure', { token: tokens.admin, body: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('SUBJECT_NOT_FOUND');
  });

  it('still verifies: `ledger verify`, and an exported bundle that holds no personal data in clear', async () => {
    const verified = await inProcess(() => verify({ dataDir }));
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^Verified: \d+ events/);

    const out = join(dataDir, 'bundle.json');
    const exported = await inProcess(() => exportBundleCommand({ from: '2000-01-01', to: '2100-01-01', out, dataDir }));
    expect(exported.code).toBe(0);
    const bundle = readFileSync(out, 'utf8');
    for (const plain of plaintexts) expect(bundle).not.toContain(plain);
    expect((await inProcess(() => verifyBundleCommand(out))).code).toBe(0);
    // Read with every key the ledger holds, the bundle shows the erased subject as erased.
    const keys = await SubjectKeys.open(dataDir);
    try {
      const events = (JSON.parse(bundle) as { events: { data: Feedback }[] }).events;
      const revealed = (await reveal(events, keys, personalDataAccess({ role: 'auditor', organisationId: null }))) as { data: Feedback }[];
      const byId = new Map(revealed.map((e) => [e.data.feedbackId, e.data]));
      expect(byId.get('jane')).toMatchObject({ respondent: { erased: true, subjectId: janeId } });
      expect(byId.get('neighbour')).toMatchObject({ text: neighbourSays });
    } finally {
      await keys.close();
    }
  }, 60_000);
});
