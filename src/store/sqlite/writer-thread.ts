// The writer thread's entry (thread-commit.ts starts it): a second connection to the ledger file
// that does the store's writing, so the fsync of a commit holds up this thread only and the main
// thread goes on parsing requests. Appends that arrive while a commit runs make the next group:
// one immediate transaction, a savepoint each, one fsync (group-commit.ts). A group's answers
// are posted only after COMMIT returned.

import { parentPort, workerData } from 'node:worker_threads';
import { receiptFromTemplate, type AppendJob } from './append-job.js';
import { groupTransaction } from './group-commit.js';
import { openDatabase } from './schema.js';
import { prepareStatements } from './statements.js';
import { prepareTree } from './tree.js';
import { toWire } from './wire-errors.js';
import { writeAppendAndTree } from './write-append.js';
import type { FromWriter, ToWriter, WriterThreadData } from './writer-messages.js';

const port = parentPort;
if (!port) throw new Error('writer-thread.ts runs as a worker thread of the SQLite store');

const { path, synchronous, merkleTree } = workerData as WriterThreadData;
const db = openDatabase(path, synchronous);
const statements = prepareStatements(db);
const tree = merkleTree ? prepareTree(db) : null;
const commitGroup = groupTransaction(db);

let waiting: { id: number; job: AppendJob }[] = [];
let scheduled: NodeJS.Immediate | undefined;

const post = (message: FromWriter) => port.postMessage(message);

port.on('message', (message: ToWriter) => {
  if (message.type === 'append') {
    waiting.push(...message.jobs);
    // Every message already queued is delivered before this runs: they all join the group.
    scheduled ??= setImmediate(commit);
    return;
  }
  commit();
  db.close();
  post({ type: 'closed' });
  port.close();
});

function commit(): void {
  if (scheduled) clearImmediate(scheduled);
  scheduled = undefined;
  const group = waiting;
  waiting = [];
  if (group.length === 0) return;
  const works = group.map(({ job }) => {
    const receipt = job.receipt && receiptFromTemplate(job.receipt);
    return () => writeAppendAndTree(statements, tree, job.streamId, job.events, job.expected, receipt);
  });
  let outcomes;
  try {
    outcomes = commitGroup(works);
  } catch (error) {
    post({ type: 'failed', ids: group.map(({ id }) => id), error: toWire(error) });
    return;
  }
  post({
    type: 'committed',
    outcomes: group.map(({ id }, i) => {
      const outcome = outcomes[i];
      return outcome?.ok ? { id, result: outcome.result } : { id, error: toWire(outcome?.error) };
    }),
  });
}
