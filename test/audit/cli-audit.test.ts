// `ledger verify`, `ledger checkpoint`, `ledger export`, `ledger verify-bundle`, `ledger prove`
// and `ledger verify-proof`: the command functions called in this process (stdout captured),
// and the real command line.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { publishedKey } from '../../src/audit/integrity/signing-key.js';
import { nodeId } from '../../src/audit/merkle/layout.js';
import { checkpointCommand, exportBundleCommand, proveCommand, verify, verifyBundleCommand, verifyProofCommand } from '../../src/cli/audit.js';
import { newEvents } from '../contract/event-store.contract.js';
import { runLedger } from '../support/ledger-process.js';
import { buildLedgerTemplate, copyLedger, type LedgerCopy, type LedgerTemplate } from './integrity-ledger.js';

let template: LedgerTemplate;
let ledger: LedgerCopy;
beforeAll(async () => {
  template = await buildLedgerTemplate(200);
});
afterAll(() => template.remove());
beforeEach(async () => {
  ledger = await copyLedger(template);
});
afterEach(async () => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
  await ledger.close();
});

/** Runs a command function, returning what it printed on stdout and the exit code it set. */
async function captured(command: () => Promise<void>): Promise<{ stdout: string; exitCode: number }> {
  let stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  try {
    await command();
  } finally {
    vi.mocked(process.stdout.write).mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { stdout, exitCode };
}

/** Altering one byte of a file: the middle byte of its `line`th line. */
function alterByte(file: string, line: number): void {
  const bytes = readFileSync(file);
  const lines = bytes.toString('utf8').split('\n');
  const at = Buffer.byteLength(lines.slice(0, line - 1).join('\n')) + 1 + Math.floor(Buffer.byteLength(lines[line - 1]!) / 2);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(file, bytes);
}

describe('ledger verify (the function)', () => {
  it('reports an untouched ledger verified, with its head and the rate', async () => {
    const { stdout, exitCode } = await captured(() => verify({ dataDir: ledger.dir }));

    expect(exitCode).toBe(0);
    const head = ledger.rows().at(-1)!;
    expect(stdout).toContain(`Verified: ${template.events} events; the chain holds from the first event to position ${head.position} (hash ${head.hash}).`);
    expect(stdout).toMatch(/No signed checkpoints yet/);
    expect(stdout).toMatch(/[\d,]+ events\/s \(\d+\.\d\d s\)/);
  });

  it('exits 1 naming the position when the log was truncated after a checkpoint', async () => {
    const signed = await captured(() => checkpointCommand({ dataDir: ledger.dir }));
    expect(JSON.parse(signed.stdout)).toMatchObject({ position: template.events, keyId: ledger.integrity.key.keyId });
    ledger.tamper('DELETE FROM events WHERE position > ?', template.events - 5);

    const { stdout, exitCode } = await captured(() => verify({ dataDir: ledger.dir }));

    expect(exitCode).toBe(1);
    expect(stdout).toMatch(new RegExp(`^BROKEN at position ${template.events - 4} \\(truncated\\)`));
  });
});

describe('ledger verify and the Merkle tree (the function)', () => {
  it('says the tree was rebuilt and holds, with the signed tree heads', async () => {
    await captured(() => checkpointCommand({ dataDir: ledger.dir }));
    const { stdout, exitCode } = await captured(() => verify({ dataDir: ledger.dir }));

    expect(exitCode).toBe(0);
    expect(stdout).toContain('Merkle tree: rebuilt from the events, every stored node holds; all 1 signed tree heads hold.');
  });

  it('exits 1 naming the position when a node of the tree was altered in the file', async () => {
    ledger.tamper('UPDATE merkle_nodes SET hash = zeroblob(32) WHERE id = ?', nodeId(0, 9));

    const { stdout, exitCode } = await captured(() => verify({ dataDir: ledger.dir }));
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/^BROKEN at position 10 \(tree\)/);
  });
});

describe('ledger prove and ledger verify-proof (the functions)', () => {
  const keyFile = () => {
    const file = join(ledger.dir, 'ledger-key.pem');
    writeFileSync(file, publishedKey(ledger.integrity.key.publicKey).pem);
    return file;
  };

  it('proves an event against the signed tree head; the proof verifies offline and fails once the event in it is altered', async () => {
    await captured(() => checkpointCommand({ dataDir: ledger.dir }));
    const out = join(ledger.dir, 'proof.json');
    await captured(() => proveCommand('17', { dataDir: ledger.dir, out }));
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file).toMatchObject({ format: 'engagement-ledger/inclusion-proof', size: template.events, event: { position: 17 }, treeHead: expect.any(String) });

    const good = await captured(() => verifyProofCommand(out, { publicKey: keyFile() }));
    expect(good).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^.*verifies: the event at position 17 .* is in the log engagement-ledger\/ledger-\S+ of \d+ events/) });

    writeFileSync(out, JSON.stringify({ ...file, event: { ...file.event, metadata: { ...file.event.metadata, actor: 'someone-else' } } }));
    const altered = await captured(() => verifyProofCommand(out, { publicKey: keyFile() }));
    expect(altered).toMatchObject({ exitCode: 1, stdout: expect.stringMatching(/does NOT verify: the proof leads to another root/) });
  });

  it('fails a proof against a tree head kept by the auditor of another size, and one with no signed head at all', async () => {
    await captured(() => checkpointCommand({ dataDir: ledger.dir }));
    const kept = join(ledger.dir, 'kept-head.txt');
    writeFileSync(kept, ledger.serverDb.prepare('SELECT tree_head FROM checkpoints').pluck().get() as string);
    await ledger.store.append('later', newEvents(5));
    const out = join(ledger.dir, 'proof.json');
    await captured(() => proveCommand('3', { dataDir: ledger.dir, out }));
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ size: template.events, treeHead: expect.any(String) });

    const unsigned = join(ledger.dir, 'unsigned.json');
    await captured(() => proveCommand(String(template.events + 2), { dataDir: ledger.dir, out: unsigned }));
    expect(await captured(() => verifyProofCommand(unsigned))).toMatchObject({ exitCode: 1, stdout: expect.stringMatching(/carries no signed tree head/) });
    expect(await captured(() => verifyProofCommand(unsigned, { treeHead: kept }))).toMatchObject({ exitCode: 1, stdout: expect.stringMatching(/is for a tree of \d+ events, the tree head is of/) });
    expect(await captured(() => verifyProofCommand(out, { treeHead: kept, publicKey: keyFile() }))).toMatchObject({ exitCode: 0 });
  });

  it('proves that the log only grew between two tree heads', async () => {
    await captured(() => checkpointCommand({ dataDir: ledger.dir }));
    await ledger.store.append('later', newEvents(9));
    await captured(() => checkpointCommand({ dataDir: ledger.dir }));
    const out = join(ledger.dir, 'growth.json');
    await captured(() => proveCommand(undefined, { dataDir: ledger.dir, from: String(template.events), out }));

    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ format: 'engagement-ledger/consistency-proof', from: template.events, to: template.events + 9 });
    expect(await captured(() => verifyProofCommand(out, { publicKey: keyFile() }))).toMatchObject({
      exitCode: 0,
      stdout: expect.stringMatching(/extends its tree of \d+ events, every one unchanged/),
    });
  });

  it('refuses a position beyond the log, naming it', async () => {
    await captured(() => checkpointCommand({ dataDir: ledger.dir }));
    await expect(proveCommand(String(template.events + 1), { dataDir: ledger.dir })).rejects.toThrow(/position \d+ is beyond the log/);
    await expect(proveCommand('0', { dataDir: ledger.dir })).rejects.toThrow(/the position must be a whole number from 1/);
  });
});

describe('ledger export and ledger verify-bundle (the functions)', () => {
  it('exports a range that verify-bundle accepts offline, and refuses once one byte changed', async () => {
    const out = join(ledger.dir, 'march-2021.json');
    const exported = await captured(() => exportBundleCommand({ from: '2021-03-01', to: '2021-03-31', out, dataDir: ledger.dir }));
    expect(exported.stdout).toMatch(/^Exported \d+ events \(positions \d+ to \d+\) recorded between 2021-03-01T00:00:00.000Z and 2021-03-31T23:59:59.999Z/);
    expect(readdirSync(ledger.dir).filter((f) => f.includes('.partial-'))).toEqual([]);

    const own = await captured(() => verifyBundleCommand(out));
    expect(own.exitCode).toBe(0);
    expect(own.stdout).toMatch(/verifies: \d+ events/);
    expect(own.stdout).toMatch(/Checked against the key inside the bundle only/);

    const keyFile = join(ledger.dir, 'ledger-key.pem');
    writeFileSync(keyFile, publishedKey(ledger.integrity.key.publicKey).pem);
    const trusted = await captured(() => verifyBundleCommand(out, { publicKey: keyFile }));
    expect(trusted.exitCode).toBe(0);
    expect(trusted.stdout).not.toMatch(/key inside the bundle only/);

    alterByte(out, 12);
    const altered = await captured(() => verifyBundleCommand(out));
    expect(altered.exitCode).toBe(1);
    expect(altered.stdout).toMatch(/does NOT verify \(line 12\)/);
  });

  it('refuses a range with nothing in it, leaving no file behind', async () => {
    const out = join(ledger.dir, 'empty.json');
    await expect(exportBundleCommand({ from: '1999-01-01', to: '1999-12-31', out, dataDir: ledger.dir })).rejects.toThrow(/no event was recorded/);
    expect(readdirSync(ledger.dir).filter((f) => f.startsWith('empty.json'))).toEqual([]);
  });

  it('verifies a bundle without any data directory', async () => {
    const out = join(ledger.dir, 'bundle.json');
    await captured(() => exportBundleCommand({ from: '2021-01-01', to: '2021-01-31', out, dataDir: ledger.dir }));
    const nowhere = join(ledger.dir, 'no-such-data-dir');
    vi.stubEnv('DATA_DIR', nowhere);
    try {
      expect((await captured(() => verifyBundleCommand(out))).exitCode).toBe(0);
      expect(existsSync(nowhere)).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

// The real command line, in a child process (bundled once per file: vite-node compiles on every start).
const ledgerCli = (args: string[], dataDir: string) => runLedger(args, { DATA_DIR: dataDir });

describe('the ledger command line', { timeout: 60_000 }, () => {
  it('verifies, exports and verifies the bundle; exits 1 once a byte of it changed or the log was altered', async () => {
    expect(await ledgerCli(['verify'], ledger.dir)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Verified: /) });

    const out = join(ledger.dir, 'bundle.json');
    expect(await ledgerCli(['export', '--from', '2021-02-01', '--to', '2021-04-30', '--out', out], ledger.dir)).toMatchObject({ code: 0 });
    const empty = mkdtempSync(join(tmpdir(), 'ledger-offline-'));
    try {
      expect(await ledgerCli(['verify-bundle', out], empty)).toMatchObject({ code: 0, stdout: expect.stringMatching(/verifies/) });
      alterByte(out, 11);
      expect(await ledgerCli(['verify-bundle', out], empty)).toMatchObject({ code: 1, stdout: expect.stringMatching(/does NOT verify/) });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }

    ledger.tamper(`UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = 33`);
    expect(await ledgerCli(['verify'], ledger.dir)).toMatchObject({ code: 1, stdout: expect.stringMatching(/^BROKEN at position 33 \(chain\)/) });
  });

  it('proves an event and a decision’s trace that verify offline, with no data directory', async () => {
    expect(await ledgerCli(['checkpoint'], ledger.dir)).toMatchObject({ code: 0 });
    const proof = join(ledger.dir, 'proof.json');
    expect(await ledgerCli(['prove', '12', '--out', proof], ledger.dir)).toMatchObject({ code: 0 });
    const linked = ledger.rows().find((row) => row.type === 'InfluenceLinked')!;
    const trace = join(ledger.dir, 'trace.json');
    const decision = (JSON.parse(linked.data) as { decisionId: string }).decisionId;
    expect(await ledgerCli(['export', '--decision', decision, '--out', trace], ledger.dir)).toMatchObject({ code: 0 });

    const empty = mkdtempSync(join(tmpdir(), 'ledger-offline-'));
    try {
      const key = publishedKey(ledger.integrity.key.publicKey).raw;
      expect(await ledgerCli(['verify-proof', proof, '--public-key', key], empty)).toMatchObject({ code: 0, stdout: expect.stringMatching(/verifies: the event at position 12/) });
      expect(await ledgerCli(['verify-bundle', trace, '--public-key', key], empty)).toMatchObject({ code: 0, stdout: expect.stringMatching(/verifies: the trace of decision/) });
      alterByte(trace, 10);
      expect(await ledgerCli(['verify-bundle', trace], empty)).toMatchObject({ code: 1, stdout: expect.stringMatching(/does NOT verify/) });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
