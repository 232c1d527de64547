// Recomputing the hash chain over the port, a page at a time: memory stays bounded
// whatever the size of the log, and the event loop is given back between pages so a
// server answering other requests is not frozen by a long verification.

import { canonicalJson, chainedBytes, GENESIS_HASH, verifyChain, type ChainCheck } from '../../store/chain.js';
import type { EventMetadata, EventStore, RecordedEvent, StoredEvent } from '../../store/port.js';
import { leafHash } from '../merkle/hash.js';
import { checkStoredLinks } from './stored-links.js';

/** Events read per page. */
export const PAGE_SIZE = 1_000;

/** A place in the chain: the event at `position` has hash `hash` (position 0: before the first event). */
export interface ChainPoint {
  position: number;
  hash: string;
}

export const GENESIS: ChainPoint = { position: 0, hash: GENESIS_HASH };

export const NO_CHAIN_REASON = 'this store keeps no hash chain';

export interface Break {
  brokenAt: number;
  reason: string;
}

export type Walk =
  /** The chain holds from `from` to `head`. */
  | { ok: true; head: ChainPoint; checked: number }
  /** It breaks at `brokenAt`; `lastGood` is the last point that held. */
  | { ok: false; brokenAt: number; reason: string; checked: number; lastGood: ChainPoint }
  | { ok: null; reason: string; checked: 0 };

export interface WalkOptions {
  /** Start after this point (trusted as given). Default: genesis. */
  from?: ChainPoint;
  /** Stop after this position. Default: the end of the log. */
  upTo?: number;
  /** Hears each event once its link is verified, in order, with the chain's point there; returning a Break stops the walk there. */
  onVerified?: (event: RecordedEvent, point: ChainPoint) => Break | undefined;
  /** Hears after each page: events checked so far, and the position reached. */
  onProgress?: (checked: number, position: number) => void;
  /** Awaited before the events of each page are checked and handed to onVerified (the tree check reads its nodes here). */
  beforePage?: (events: readonly RecordedEvent[]) => Promise<void>;
  /** Hash each event's Merkle leaf with its link (walkedLeafHash then costs nothing): for walks that check the tree. */
  leaves?: boolean;
}

/** Something that walks a log's chain: walkChain for the log-wide chain (SQLite); see stream-chain.ts for the design on EventStoreDB. */
export type ChainWalker = (store: EventStore, options: WalkOptions) => Promise<Walk>;

/**
 * Walk the chain from `from` (genesis by default) to `upTo` (the end of the log by default).
 * On a store that gives its events as stored (SQLite), each link is recomputed from the
 * stored bytes without parsing them; an event handed to onVerified is parsed only if read.
 */
export async function walkChain(store: EventStore, options: WalkOptions = {}): Promise<Walk> {
  return walkPages(store.readStored ? storedPages(store.readStored.bind(store), options.leaves === true) : parsedPages(store), options);
}

/** One page of the chain, checked against the link before it. */
type CheckedPage =
  | { events: readonly RecordedEvent[]; check: ChainCheck }
  /** The page could not be read as events: the chain is broken there. */
  | Break
  /** The store keeps no chain at all. */
  | 'no chain';

/** Reads the page after `point`, at most `maxCount` events, checked from `point`. */
type PageSource = (point: ChainPoint, maxCount: number) => Promise<CheckedPage>;

/** The walk itself, the same whatever the page source: check, hand over the good events, stop at the first break. */
async function walkPages(nextPage: PageSource, options: WalkOptions): Promise<Walk> {
  let point = options.from ?? GENESIS;
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  let checked = 0;
  while (point.position < upTo) {
    const page = await nextPage(point, Math.min(PAGE_SIZE, upTo - point.position));
    if (page === 'no chain') return { ok: null, reason: NO_CHAIN_REASON, checked: 0 };
    if ('brokenAt' in page) return { ok: false, ...page, checked, lastGood: point };
    const { events, check } = page;
    if (events.length === 0) break;
    await options.beforePage?.(events);
    const good = check.ok ? events.length : check.checked;
    for (let i = 0; i < good; i++) {
      const event = events[i] as RecordedEvent;
      const next = { position: event.position, hash: event.hash as string };
      const stop = options.onVerified?.(event, next);
      if (stop) return { ok: false, ...stop, checked, lastGood: point };
      point = next;
      checked++;
    }
    if (!check.ok) return { ok: false, brokenAt: check.brokenAt, reason: check.reason, checked, lastGood: point };
    options.onProgress?.(checked, point.position);
    // Let other work (HTTP requests, appends) run between pages.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { ok: true, head: point, checked };
}

/** Pages of parsed events, for stores that only give events parsed (EventStoreDB-shaped). */
function parsedPages(store: EventStore): PageSource {
  return async (point, maxCount) => {
    const read = await readPage(store, point.position, maxCount);
    if ('brokenAt' in read) return read;
    const events = read.events;
    if (point.position === 0 && events[0]?.hash === null) return 'no chain';
    return { events, check: verifyChain(events, point.hash, point.position) };
  };
}

/** Pages of events as stored (SQLite): each link (and leaf, if asked) is hashed from the stored bytes; data is parsed only if read. */
function storedPages(readStored: NonNullable<EventStore['readStored']>, withLeaves: boolean): PageSource {
  return async (point, maxCount) => {
    const stored = await readStored({ after: point.position, maxCount });
    const leaves: Buffer[] | undefined = withLeaves ? [] : undefined;
    const check = checkStoredLinks(stored, point.hash, point.position, leaves);
    return { events: stored.map((event, i) => new ParsedOnRead(event, leaves?.[i])), check };
  };
}

/**
 * A stored event as a RecordedEvent whose data and metadata are parsed when first read
 * (most walks never read them). A class, so the page's events cost one small object each;
 * its data and metadata are getters on the prototype, so read them by name or
 * destructuring (an object spread would leave them out).
 */
class ParsedOnRead implements RecordedEvent {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly hash: string | null;
  private parsedData: unknown;
  private parsedMetadata: EventMetadata | undefined;

  constructor(
    readonly stored: StoredEvent,
    /** Its Merkle leaf hash, when the walk hashed it with the link. */
    readonly leaf?: Buffer,
  ) {
    this.position = stored.position;
    this.streamId = stored.streamId;
    this.revision = stored.revision;
    this.id = stored.id;
    this.type = stored.type;
    this.version = stored.version;
    this.hash = stored.hash;
  }

  get data(): unknown {
    if (this.parsedData === undefined) this.parsedData = JSON.parse(this.stored.dataJson) as unknown;
    return this.parsedData;
  }

  get metadata(): EventMetadata {
    this.parsedMetadata ??= JSON.parse(this.stored.metadataJson) as EventMetadata;
    return this.parsedMetadata;
  }

  toJSON(): RecordedEvent {
    const { position, streamId, revision, id, type, version, hash, data, metadata } = this;
    return { position, streamId, revision, id, type, version, data, metadata, hash };
  }
}

/**
 * The bytes an event's chain link (after the previous link) and Merkle leaf cover: as stored
 * when the walk read the event so (nothing parsed), else re-serialised as the store writes them.
 */
export function chainedBytesOf(event: RecordedEvent): string {
  if (event instanceof ParsedOnRead) return chainedBytes(event.stored);
  return chainedBytes({ ...event, dataJson: canonicalJson(event.data), metadataJson: canonicalJson(event.metadata) });
}

/** An event's Merkle leaf hash (RFC 6962: SHA-256 of 0x00 and chainedBytesOf): as the walk hashed it, else hashed now. */
export function walkedLeafHash(event: RecordedEvent): Buffer {
  if (event instanceof ParsedOnRead && event.leaf) return event.leaf;
  return leafHash(chainedBytesOf(event));
}

export type Page = { events: RecordedEvent[] } | Break;

/**
 * A page of events after `after`. An adapter that cannot read a stored event (for
 * SQLite: data that is no longer JSON) fails the whole read; the page is then read
 * again one event at a time, up to the first unreadable one.
 */
export async function readPage(store: EventStore, after: number, maxCount: number): Promise<Page> {
  try {
    return { events: await store.readAll({ after, maxCount }) };
  } catch (pageError) {
    const events: RecordedEvent[] = [];
    let position = after;
    while (events.length < maxCount) {
      let next: RecordedEvent[];
      try {
        next = await store.readAll({ after: position, maxCount: 1 });
      } catch (error) {
        // Hand back the readable events before it first, to be verified; the next read starts at the unreadable one.
        if (events.length > 0) return { events };
        return { brokenAt: position + 1, reason: `the event after position ${position} cannot be read: ${messageOf(error)}` };
      }
      const [event] = next;
      if (!event) break;
      events.push(event);
      position = event.position;
    }
    // The page failed, yet every event read alone: the failure was not the data's. Report it as it is.
    throw pageError;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
