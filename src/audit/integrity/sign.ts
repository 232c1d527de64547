// Signing the head: the ledger vouches for (position, hash) only after checking that the
// chain leads there from the highest checkpoint it signed before, so its statements form
// one consistent history: each later one extends the earlier ones. That check costs the
// events since that checkpoint (the whole log for the first statement).

import type { EventStore } from '../../store/port.js';
import type { CheckpointStore } from '../checkpoints/port.js';
import type { StoredCheckpoint } from './checkpoints.js';
import { IntegrityError } from './errors.js';
import type { SigningKey } from './signing-key.js';
import { signStatement, signatureProblem, type SignedCheckpoint } from './statement.js';
import { GENESIS, walkChain, type ChainPoint } from './walk.js';

export interface SignOptions {
  now?: () => Date;
}

/**
 * Sign the current head of the log and keep the statement in `checkpoints`, while no other
 * process signs (CheckpointStore.whileSigning): each statement is checked against the last.
 */
export async function signCheckpoint(store: EventStore, key: SigningKey, checkpoints: CheckpointStore, options: SignOptions = {}): Promise<StoredCheckpoint> {
  return (await checkpoints.whileSigning(() => signHead(store, key, checkpoints, options))) as StoredCheckpoint;
}

/** signCheckpoint's work, for a caller already holding the signing turn. */
export async function signHead(store: EventStore, key: SigningKey, checkpoints: CheckpointStore, options: SignOptions = {}): Promise<StoredCheckpoint> {
  const head = await store.headPosition();
  if (head === 0) throw new IntegrityError('LEDGER_EMPTY', 'the log has no events yet: there is no head to sign');

  // Highest position first; only the statements needed are checked (a signature check is ~0.1 ms).
  const signed = (await checkpoints.list())
    .map((c) => c.statement)
    .sort((a, b) => b.position - a.position);
  const isValid = (c: SignedCheckpoint) => signatureProblem(c, key.publicKey) === null;
  const ahead = signed.find((c) => c.position > head && isValid(c));
  if (ahead) {
    throw new IntegrityError(
      'CHAIN_BROKEN',
      `the log ends at position ${head}, but this ledger signed position ${ahead.position} at ${ahead.signedAt}: the log was truncated`,
      { brokenAt: head + 1, problem: 'truncated' },
    );
  }
  const base = signed.find((c) => c.position <= head && isValid(c));
  const from = base ? await pointOf(store, base) : GENESIS;

  const walk = await walkChain(store, { from, upTo: head });
  if (walk.ok === null) throw new IntegrityError('NO_HASH_CHAIN', `${walk.reason}: there is nothing to sign`);
  if (!walk.ok) {
    throw new IntegrityError('CHAIN_BROKEN', `the chain breaks at position ${walk.brokenAt} (${walk.reason}); run a full verification`, {
      brokenAt: walk.brokenAt,
      problem: 'chain',
    });
  }
  if (walk.head.position !== head) {
    throw new IntegrityError('CHAIN_BROKEN', `the log ends at position ${walk.head.position}, though its head was reported at ${head}`, {
      brokenAt: walk.head.position + 1,
      problem: 'chain',
    });
  }
  return signAt(key, checkpoints, walk.head, options);
}

/** Sign (position, hash) as given and keep the statement: for callers that verified the chain to there themselves. */
export async function signAt(key: SigningKey, checkpoints: CheckpointStore, point: ChainPoint, options: SignOptions = {}): Promise<StoredCheckpoint> {
  const statement = signStatement(key, {
    ledger: await checkpoints.ledgerId(),
    position: point.position,
    headHash: point.hash,
    signedAt: (options.now?.() ?? new Date()).toISOString(),
  });
  return checkpoints.record(statement);
}

/** The base checkpoint as a chain point, once the log is seen to still hold its hash there. */
async function pointOf(store: EventStore, checkpoint: SignedCheckpoint): Promise<ChainPoint> {
  const [event] = await store.readAll({ after: checkpoint.position - 1, maxCount: 1 });
  if (event?.position !== checkpoint.position || event.hash !== checkpoint.headHash) {
    throw new IntegrityError(
      'CHAIN_BROKEN',
      `the log no longer has hash ${checkpoint.headHash} at position ${checkpoint.position}, as signed at ${checkpoint.signedAt}; run a full verification`,
      { brokenAt: checkpoint.position, problem: 'rewritten' },
    );
  }
  return { position: checkpoint.position, hash: checkpoint.headHash };
}
