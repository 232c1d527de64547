// Reading sealed personal data, at the edge: one walk over whatever is about to be sent
// (an event, a page of the log, an entity's history) that replaces each envelope with
//   its plaintext                    when the reader may see it and the key exists,
//   { erased: true, subjectId }      when the subject's key was destroyed,
//   { unreadable: true, subjectId }  when the envelope does not open (altered),
//   { withheld: true }               when the reader may not see personal data.
// Keys are looked up once per walk, all in one call (a first pass finds the subjects the
// reader may see), and forgotten after it: an erasure is seen by the next read.

import type { Actor } from '../domain/actor.js';
import { isSealed, type SealedEnvelope } from '../domain/personal-data.js';
import { EnvelopeRefused, open } from './envelope.js';

export interface KeyLookup {
  /** Each subject's key, or null once erased (or never kept). */
  keysToOpen(subjectIds: Iterable<string>): Promise<Map<string, Buffer | null>>;
}

/** May the reader see personal data recorded by this organisation (the event's `organisation`; undefined outside an event)? */
export type MayRead = (recordedBy: string | null | undefined) => boolean;

/**
 * Who sees personal data in clear: auditors (they check the record, and answer subject access
 * requests), and officers of the organisation that recorded it. Administrators and scrutiny
 * panels never do: they need what was said and how it counted, not who said it.
 */
export function personalDataAccess(actor: Pick<Actor, 'role' | 'organisationId'> | null | undefined): MayRead {
  if (actor?.role === 'auditor') return () => true;
  if (actor?.role === 'officer' && actor.organisationId) {
    const own = actor.organisationId;
    return (recordedBy) => recordedBy === own;
  }
  return () => false;
}

/** The organisation of an event as it is being sent: flat (withProvenance) or with its metadata (bundles, the store's rows). */
function recordedByOf(node: Record<string, unknown>): string | null | undefined {
  if (!('data' in node)) return undefined;
  if (typeof node.organisation === 'string' || node.organisation === null) return node.organisation;
  const metadata = node.metadata as { organisation?: unknown } | undefined;
  if (metadata && (typeof metadata.organisation === 'string' || metadata.organisation === null)) return metadata.organisation;
  return undefined;
}

/** Replace every envelope in `value`; resolves to `value` itself when it holds none (nothing is copied then). */
export async function reveal(value: unknown, keys: KeyLookup, mayRead: MayRead): Promise<unknown> {
  // First pass: the subjects whose envelopes this reader may open; nothing is replaced.
  const subjects = new Set<string>();
  walk(value, (envelope, recordedBy) => {
    if (mayRead(recordedBy)) subjects.add(envelope.subjectId);
    return envelope;
  });
  const found = subjects.size > 0 ? await keys.keysToOpen(subjects) : new Map<string, Buffer | null>();
  return walk(value, (envelope, recordedBy) => {
    if (!mayRead(recordedBy)) return { withheld: true };
    const key = found.get(envelope.subjectId);
    if (!key) return { erased: true, subjectId: envelope.subjectId };
    try {
      return open(envelope, key);
    } catch (error) {
      if (error instanceof EnvelopeRefused) return { unreadable: true, subjectId: envelope.subjectId };
      throw error;
    }
  });
}

/** Every envelope in `value` through `disclose`, copying only the objects and arrays on the way to one it changed. */
function walk(value: unknown, disclose: (envelope: SealedEnvelope, recordedBy: string | null | undefined) => unknown): unknown {
  const visit = (node: unknown, recordedBy: string | null | undefined): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        // Most of a response is strings and numbers: skip them without a call.
        if (item === null || typeof item !== 'object') continue;
        const next = visit(item, recordedBy);
        if (next !== item) (copy ??= node.slice())[i] = next;
      }
      return copy ?? node;
    }
    if (isSealed(node)) return disclose(node, recordedBy);
    const record = node as Record<string, unknown>;
    const own = recordedByOf(record);
    const here = own === undefined ? recordedBy : own;
    let copy: Record<string, unknown> | null = null;
    for (const key in record) {
      const item = record[key];
      if (item === null || typeof item !== 'object') continue;
      const next = visit(item, here);
      if (next !== item) (copy ??= { ...record })[key] = next;
    }
    return copy ?? node;
  };
  return visit(value, undefined);
}
