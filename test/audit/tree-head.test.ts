// Signed tree heads: the ledger's notes are C2SP signed notes (held to golang.org/x/mod's own
// example, byte for byte), its checkpoints C2SP tlog-checkpoints; verifier.js opens exactly
// the notes the ledger's key signed and refuses everything else, down to a single flipped bit.

import Database from 'better-sqlite3';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listCheckpoints, recordCheckpoint } from '../../src/audit/integrity/checkpoints.js';
import { keyIdOf, rawPublicKey, type SigningKey } from '../../src/audit/integrity/signing-key.js';
import { signStatement } from '../../src/audit/integrity/statement.js';
import { noteVerifierKey, signNote, signTreeHead, treeHeadOrigin } from '../../src/audit/integrity/tree-head.js';
import { nodeCrypto } from '../../src/audit/merkle/node-crypto.js';
import { openCheckpoint, openNote, VerificationError, webCrypto } from '../../src/audit/merkle/verifier.js';

// golang.org/x/mod/sumdb/note, ExampleSign and ExampleOpen: a key, a text, and the exact signed note.
const GO_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

function goKey(): Pick<SigningKey, 'privateKey' | 'publicKey'> {
  const seed = Buffer.from(GO_SIGNER.split('+').slice(4).join('+'), 'base64').subarray(1);
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

const ledgerKey = newKey();
const raw = rawPublicKey(ledgerKey.publicKey);
const origin = treeHeadOrigin('ledger-01JTEST');
const root = Buffer.alloc(32, 7);
const head = signTreeHead(ledgerKey, origin, 1234, root);

async function refusal(open: () => Promise<unknown>): Promise<string> {
  try {
    await open();
  } catch (error) {
    expect(error).toBeInstanceOf(VerificationError);
    return (error as Error).message;
  }
  throw new Error('expected the note to be refused');
}

describe('signed notes', () => {
  it('are signed exactly as golang.org/x/mod/sumdb/note signs them (its example, byte for byte)', () => {
    const key = goKey();
    expect(signNote(key, 'PeterNeumann', GO_TEXT)).toBe(GO_NOTE);
    expect(noteVerifierKey('PeterNeumann', key.publicKey)).toBe(GO_VERIFIER);
  });

  it('open with the key that signed them, by WebCrypto and node:crypto alike', async () => {
    const publicKey = Buffer.from(GO_VERIFIER.split('+').slice(2).join('+'), 'base64').subarray(1);
    expect(await openNote(GO_NOTE, { name: 'PeterNeumann', publicKey }, webCrypto)).toBe(GO_TEXT);
    expect(await openNote(GO_NOTE, { name: 'PeterNeumann', publicKey }, nodeCrypto)).toBe(GO_TEXT);
    await refusal(() => openNote(GO_NOTE, { name: 'PeterNeumann', publicKey: raw }));
    await refusal(() => openNote(GO_NOTE, { name: 'Peter', publicKey }));
  });
});

describe('a signed tree head', () => {
  it('is a C2SP tlog-checkpoint: origin, size, base64 root, a blank line, the signature line under the origin', async () => {
    const lines = head.split('\n');
    expect(lines.slice(0, 4)).toEqual([origin, '1234', root.toString('base64'), '']);
    expect(lines[4]).toMatch(new RegExp(`^\u2014 ${origin} [A-Za-z0-9+/]{91}=$`));
    expect(lines[5]).toBe('');

    const checkpoint = await openCheckpoint(head, { publicKey: raw, origin });
    expect(checkpoint).toMatchObject({ origin, size: 1234, text: lines.slice(0, 3).join('\n') + '\n' });
    expect(Buffer.from(checkpoint.rootHash)).toEqual(root);
  });

  it('still opens with other parties’ signatures beside the ledger’s (witnesses), which are ignored', async () => {
    const witness = signNote(newKey(), 'witness.example/w1', noteText(head));
    const cosigned = head + witness.slice(witness.lastIndexOf('\u2014'));
    expect(await openCheckpoint(cosigned, { publicKey: raw, origin })).toMatchObject({ size: 1234 });
  });

  it('is refused when signed by another key under the ledger’s name, or only by others', async () => {
    const forged = signTreeHead(newKey(), origin, 1234, root);
    expect(await refusal(() => openCheckpoint(forged, { publicKey: raw, origin }))).toMatch(/no signature by/);
    // The ledger's key ID with another key's signature: a signature naming this key that fails refuses the note.
    const sameId = head.replace(/ ([A-Za-z0-9+/=]+)\n$/, (_m, b64: string) => {
      const other = Buffer.from(forged.trim().split(' ').at(-1)!, 'base64').subarray(4);
      return ` ${Buffer.concat([Buffer.from(b64, 'base64').subarray(0, 4), other]).toString('base64')}\n`;
    });
    expect(await refusal(() => openCheckpoint(sameId, { publicKey: raw, origin }))).toMatch(/does not verify/);
  });

  it('is refused for another log, even signed by the same key', async () => {
    const elsewhere = signTreeHead(ledgerKey, treeHeadOrigin('ledger-01JOTHER'), 1234, root);
    expect(await refusal(() => openCheckpoint(elsewhere, { publicKey: raw, origin }))).toMatch(/is of log/);
  });

  it.each([
    ['no blank line before the signature', (n: string) => n.replace('\n\n', '\n')],
    ['CRLF line ends', (n: string) => n.replaceAll('\n', '\r\n')],
    ['a control character', (n: string) => n.replace('1234', '12\t34')],
    ['nothing after the last signature line', (n: string) => n.slice(0, -1)],
    ['a signature line with two spaces', (n: string) => n.replace(`\u2014 ${origin} `, `\u2014 ${origin}  `)],
    ['a signature line without the em dash', (n: string) => n.replace('\u2014', '-')],
    ['a key name with a plus', (n: string) => n.replace(`\u2014 ${origin}`, `\u2014 ${origin}+x`)],
    ['a lone surrogate', (n: string) => n.replace('1234', '1234\ud800')],
    ['over a hundred signature lines', (n: string) => n + n.slice(n.lastIndexOf('\u2014')).repeat(101)],
  ])('is refused with %s', async (_what, mangle) => {
    await refusal(() => openCheckpoint(mangle(head), { publicKey: raw, origin }));
  });

  it.each([
    ['a size with a leading zero', '01234'],
    ['a negative size', '-1234'],
    ['a size beyond 2^53', '18446744073709551615'],
    ['a size with a sign', '+1234'],
  ])('is refused with %s, even signed by the ledger', async (_what, size) => {
    const note = signNote(ledgerKey, origin, `${origin}\n${size}\n${root.toString('base64')}\n`);
    await refusal(() => openCheckpoint(note, { publicKey: raw, origin }));
  });

  it.each([
    ['a root of 31 bytes', Buffer.alloc(31, 7).toString('base64')],
    ['a root in non-canonical base64', `${root.toString('base64').slice(0, 42)}9=`],
    ['a root in base64url', Buffer.alloc(32, 0xfb).toString('base64url')],
    ['an empty extension line', `${root.toString('base64')}\n`],
  ])('is refused with %s, even signed by the ledger', async (_what, rootLine) => {
    const note = signNote(ledgerKey, origin, `${origin}\n1234\n${rootLine}\n`);
    await refusal(() => openCheckpoint(note, { publicKey: raw, origin }));
  });

  it('is refused after any single bit of it is flipped', async () => {
    const bytes = Buffer.from(head, 'utf8');
    let refused = 0;
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = Buffer.from(bytes);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      // As a browser reads a response: invalid UTF-8 becomes U+FFFD, never an error.
      const note = new TextDecoder().decode(flipped);
      await refusal(() => openCheckpoint(note, { publicKey: raw, origin }, nodeCrypto));
      refused++;
    }
    expect(refused).toBe(bytes.length * 8);
  });
});

describe('server.db from before tree heads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-tree-head-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gains the tree-head column, its statements listed with none', () => {
    const db = new Database(join(dir, 'server.db'));
    try {
      db.exec(`CREATE TABLE checkpoints (sequence INTEGER PRIMARY KEY AUTOINCREMENT, ledger TEXT NOT NULL, position INTEGER NOT NULL,
        head_hash TEXT NOT NULL, signed_at TEXT NOT NULL, key_id TEXT NOT NULL, signature TEXT NOT NULL)`);
      const old = signStatement(ledgerKey, { ledger: 'ledger-01JTEST', position: 3, headHash: 'a'.repeat(64), signedAt: '2026-01-01T00:00:00.000Z' });
      db.prepare('INSERT INTO checkpoints (ledger, position, head_hash, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)').run(
        old.ledger, old.position, old.headHash, old.signedAt, old.keyId, old.signature,
      );

      expect(listCheckpoints(db)).toEqual([{ sequence: 1, statement: old, treeHead: null }]);
      recordCheckpoint(db, { ...old, position: 1234 }, head);
      expect(listCheckpoints(db).map((c) => c.treeHead)).toEqual([null, head]);
    } finally {
      db.close();
    }
  });
});

/** The text a note's signatures cover. */
function noteText(note: string): string {
  return note.slice(0, note.lastIndexOf('\n\n') + 1);
}
