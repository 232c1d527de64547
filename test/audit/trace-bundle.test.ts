// Trace bundles (audit bundle version 2): one decision's trace from a real ledger (the demo,
// recorded through the domain), each event with its inclusion proof against a tree head the
// ledger signs, checked offline without the rest of the log; and refused once any byte of an
// event, a proof or the tree head changes, an event is dropped, repeated or moved, or the
// tree head is another key's.

import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportTraceBundle } from '../../src/audit/bundle/trace-export.js';
import { renderTraceBundle, type TraceBundle } from '../../src/audit/bundle/trace-format.js';
import { checkBundle } from '../../src/audit/bundle/verify.js';
import { keyIdOf, publishedKey } from '../../src/audit/integrity/signing-key.js';
import { signTreeHead, treeHeadOrigin } from '../../src/audit/integrity/tree-head.js';
import { readDecisionTrace } from '../../src/audit/trace/read.js';
import { newEvents } from '../contract/event-store.contract.js';
import { buildLedgerTemplate, copyLedger, type LedgerCopy, type LedgerTemplate } from './integrity-ledger.js';

let template: LedgerTemplate;
let ledger: LedgerCopy;
let decisionId: string;
let text: string;

beforeAll(async () => {
  template = await buildLedgerTemplate(60);
});
afterAll(() => template.remove());

beforeEach(async () => {
  ledger = await copyLedger(template);
  // A decision that cites activities, so its trace spans several streams.
  const linked = ledger.rows().find((row) => row.type === 'InfluenceLinked');
  decisionId = (JSON.parse(linked!.data) as { decisionId: string }).decisionId;
  text = await exported();
});
afterEach(async () => {
  await ledger.close();
});

async function exported(): Promise<string> {
  const chunks: string[] = [];
  await exportTraceBundle(ledger.store, decisionId, ledger.integrity, (chunk) => chunks.push(chunk));
  return chunks.join('');
}

const parse = (bundle: string) => JSON.parse(bundle) as TraceBundle;
/** Changed as a value, then written exactly as the exporter writes, so only the change can fail it. */
const edited = (change: (bundle: TraceBundle) => void): string => {
  const bundle = parse(text);
  change(bundle);
  return renderTraceBundle(bundle);
};

describe('a trace bundle', () => {
  it('holds every event of the decision’s trace, each with a proof, and a tree head the ledger signed', async () => {
    const trace = await readDecisionTrace(ledger.store, decisionId);
    const positions = [...trace!.decision, ...[...trace!.activities.values()].flat()].map((e) => e.position).sort((a, b) => a - b);
    const bundle = parse(text);

    expect(bundle).toMatchObject({ version: 2, ledger: ledger.integrity.ledgerId, selection: { field: 'trace', decision: decisionId } });
    expect(bundle.events.map((e) => e.position)).toEqual(positions);
    expect(trace!.activities.size).toBeGreaterThan(0);
    expect(bundle.treeHead).toBe(ledger.serverDb.prepare('SELECT tree_head FROM checkpoints ORDER BY sequence DESC LIMIT 1').pluck().get());
    expect(text.split('\n').slice(8, -2).every((line) => /^\{"data":.*"proof":\[.*\],"revision":/.test(line))).toBe(true);
  });

  it('verifies offline, against its own key and the ledger’s published key', async () => {
    expect(await checkBundle(text)).toMatchObject({ ok: true, kind: 'trace', decision: decisionId, keyTrusted: false, events: parse(text).events.length });
    expect(await checkBundle(Buffer.from(text), { publicKey: publishedKey(ledger.integrity.key.publicKey).pem })).toMatchObject({ ok: true, keyTrusted: true });
  });

  it('still verifies after the log grew, and its events verify against a later tree head only through their own proofs', async () => {
    await ledger.store.append('later', newEvents(40));
    expect(await checkBundle(text)).toMatchObject({ ok: true });
    expect(parse(await exported()).treeHead).not.toBe(parse(text).treeHead);
  });

  it('fails when any one byte of an event or its proof is changed', async () => {
    const lines = text.split('\n');
    const line = 8; // the first event (index 8: line 9 of the file)
    let failed = 0;
    let tried = 0;
    const bytes = Buffer.from(lines[line]!, 'utf8');
    for (let at = 0; at < bytes.length; at++) {
      for (const flip of [0x01, 0x20]) {
        const changed = Buffer.from(bytes);
        changed[at]! ^= flip;
        const file = Buffer.concat([Buffer.from(`${lines.slice(0, line).join('\n')}\n`), changed, Buffer.from(`\n${lines.slice(line + 1).join('\n')}`)]);
        tried++;
        if (!(await checkBundle(file)).ok) failed++;
      }
    }
    expect(failed).toBe(tried);
  });

  it('fails when any one byte of the tree head is changed', async () => {
    const head = parse(text).treeHead;
    for (let at = 0; at < head.length; at++) {
      const changed = head.slice(0, at) + String.fromCharCode(head.charCodeAt(at) ^ 0x01) + head.slice(at + 1);
      const file = edited((bundle) => (bundle.treeHead = changed));
      expect((await checkBundle(file)).ok, `character ${at}`).toBe(false);
    }
  });

  it('names the event whose value was changed', async () => {
    const file = edited((bundle) => ((bundle.events[1]!.data as Record<string, unknown>).title = 'Another title'));
    const position = parse(text).events[1]!.position;
    expect(await checkBundle(file)).toMatchObject({ ok: false, position, line: 10, reason: expect.stringMatching(/not proved in the signed tree/) });
  });

  it('fails when an event is repeated, or two swap places; a dropped event still verifies (a trace bundle proves what it holds, not that nothing is missing)', async () => {
    expect((await checkBundle(edited((b) => b.events.splice(1, 0, b.events[1]!)))).ok).toBe(false);
    expect((await checkBundle(edited((b) => b.events.reverse()))).ok).toBe(false);
    expect((await checkBundle(edited((b) => b.events.splice(1, 1)))).ok).toBe(true);
  });

  it('fails when an event moves to another position, its proof with it', async () => {
    const file = edited((bundle) => {
      bundle.events[0]!.position += 1;
    });
    expect((await checkBundle(file)).ok).toBe(false);
  });

  it('fails with a tree head of another key, whether the bundle names that key or the ledger’s', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const other = { privateKey, publicKey, keyId: keyIdOf(publicKey) };
    const [, size, root] = parse(text).treeHead.split('\n');
    const forgedHead = signTreeHead(other, treeHeadOrigin(ledger.integrity.ledgerId), Number(size), Buffer.from(root!, 'base64'));

    expect(await checkBundle(edited((b) => (b.treeHead = forgedHead)))).toMatchObject({ ok: false, reason: expect.stringMatching(/^the tree head/) });
    const ownKey = edited((b) => {
      b.treeHead = forgedHead;
      b.publicKey = publishedKey(publicKey);
    });
    expect(await checkBundle(ownKey)).toMatchObject({ ok: true, keyTrusted: false });
    expect(await checkBundle(ownKey, { publicKey: publishedKey(ledger.integrity.key.publicKey).raw })).toMatchObject({ ok: false });
  });

  it('fails for a tree head of another ledger', async () => {
    const file = edited((b) => (b.ledger = 'ledger-01JSOMEONEELSE'));
    expect(await checkBundle(file)).toMatchObject({ ok: false, reason: expect.stringMatching(/is of log/) });
  });

  it('is refused for a decision that is not in the log', async () => {
    await expect(exportTraceBundle(ledger.store, 'no-such-decision', ledger.integrity, () => undefined)).rejects.toThrow(/no decision/);
  });
});
