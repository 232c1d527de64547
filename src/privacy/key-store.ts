// Per-subject keys: 256 random bits each, kept wrapped (AES-256-GCM) by the master key in a
// KeyStore (./keys: keys.db, or PostgreSQL shared by every node), apart from the log, so
// that destroying one key erases a person's data everywhere the log was copied.
//
// No key is cached in memory beyond one call: another process (`ledger erase`, another
// node) may destroy a key while the server runs, and the server must see that at once.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KEY_BYTES } from './envelope.js';
import { SubjectAlreadyErased, type KeyStore, type SubjectStatus } from './keys/port.js';
import { SqliteKeyStore } from './keys/sqlite/key-store.js';
import { loadMasterKey, MasterKeyProblem } from './master-key.js';
import { RandomDraw } from './random-draw.js';

export { SubjectAlreadyErased, type SubjectStatus };

const CHECK = Buffer.from('engagement-ledger keys.db master key check');

function wrap(master: Buffer, label: string, plaintext: Buffer, iv: Buffer = randomBytes(12)): Buffer {
  const cipher = createCipheriv('aes-256-gcm', master, iv);
  cipher.setAAD(Buffer.from(label, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function unwrap(master: Buffer, label: string, wrapped: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', master, wrapped.subarray(0, 12), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(label, 'utf8'));
  decipher.setAuthTag(wrapped.subarray(12, 28));
  return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
}

const subjectLabel = (subjectId: string) => `subject-key:v1\n${subjectId}`;

/**
 * The master key for a key store: `mayCreate` is true only while the store holds no check
 * value (no key was ever wrapped there), when making a new master key orphans nothing.
 */
export type MasterKeySource = (mayCreate: boolean) => Buffer;

export class SubjectKeys {
  private constructor(
    private readonly store: KeyStore,
    private readonly master: Buffer,
  ) {}

  /** DATA_DIR/keys.db, with the master key from LEDGER_MASTER_KEY(_FILE) or DATA_DIR/master.key. */
  static open(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<SubjectKeys> {
    return SubjectKeys.over(new SqliteKeyStore(dataDir), (mayCreate) => loadMasterKey(dataDir, mayCreate, env));
  }

  /**
   * Keys in `store` under the master key `source` gives. The store keeps a check value: a
   * master key that does not open it (another key, or a node configured with another) is
   * refused here, before anything is sealed under a key that cannot open the rest.
   */
  static async over(store: KeyStore, source: MasterKeySource): Promise<SubjectKeys> {
    try {
      const kept = await store.checkValue();
      const master = source(kept === undefined);
      const check = kept ?? (await store.keepCheckValue(wrap(master, 'master-check', CHECK)));
      try {
        unwrap(master, 'master-check', check);
      } catch {
        throw new MasterKeyProblem(`the master key does not open ${store.name}: it is not the key the keys there were wrapped with`);
      }
      return new SubjectKeys(store, master);
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  status(subjectId: string): Promise<SubjectStatus> {
    return this.store.status(subjectId);
  }

  /**
   * The keys to seal new data with, by subject: each subject's own, made now if they have none.
   * One transaction for a whole batch (a survey of 5,000 respondents is one commit, not 5,000).
   * Refuses the batch if any subject was erased.
   */
  async keysToSeal(subjectIds: Iterable<string>): Promise<Map<string, Buffer>> {
    const ids = [...subjectIds];
    // A new subject's key and its wrapping IV come from one draw for the batch; a key made here
    // and kept as made is used as made, not unwrapped again.
    const keys = new RandomDraw(KEY_BYTES, ids.length);
    const ivs = new RandomDraw(12, ids.length);
    const made = new Map<Buffer, Buffer>();
    const wrapped = await this.store.wrappedKeysToSeal(ids, (subjectId) => {
      const key = keys.take();
      const kept = wrap(this.master, subjectLabel(subjectId), key, ivs.take());
      made.set(kept, key);
      return kept;
    });
    return new Map([...wrapped].map(([subjectId, kept]) => [subjectId, made.get(kept) ?? unwrap(this.master, subjectLabel(subjectId), kept)]));
  }

  /** The keys to open these subjects' data with: null for each erased (or never here). One lookup for them all. */
  async keysToOpen(subjectIds: Iterable<string>): Promise<Map<string, Buffer | null>> {
    const ids = [...new Set(subjectIds)];
    const wrapped = await this.store.wrappedKeys(ids);
    return new Map(ids.map((subjectId) => {
      const key = wrapped.get(subjectId);
      return [subjectId, key ? unwrap(this.master, subjectLabel(subjectId), key) : null];
    }));
  }

  async keyToOpen(subjectId: string): Promise<Buffer | null> {
    return (await this.keysToOpen([subjectId])).get(subjectId) ?? null;
  }

  /** Destroy the subject's key and remember that they were erased. Idempotent (the destruction is repeated). */
  erase(subjectId: string, erasedAt: string): Promise<'erased' | 'already_erased'> {
    return this.store.erase(subjectId, erasedAt);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
