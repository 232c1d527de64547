// An activity's stream as a trace needs it: every event but feedback as recorded, and each
// response as a record of where it sits in the log and how many people it stands for. A trace
// counts every response but shows the events of only a few (assemble.ts), so a consultation
// with tens of thousands of responses need not be read and parsed again for every trace: its
// digest is kept for the life of the process and caught up with what was appended since,
// through the stream's index; the events of the responses a trace lists are read by revision.

import { readStoredEvent } from '../../domain/events/catalogue.js';
import type { EventStore, RecordedEvent } from '../../store/port.js';

interface At {
  revision: number;
  position: number;
}

export interface FeedbackRecord {
  feedbackId: string;
  /** Its FeedbackReceived event; null for a redaction of a response the stream does not hold. */
  received: (At & { recordedAt: string }) | null;
  respondents: number;
  redactions: At[];
}

export interface ActivityDigest {
  /** Every event of the stream but feedback's, in revision order. */
  events: RecordedEvent[];
  /** Every response, in the order received. */
  feedback: Map<string, FeedbackRecord>;
  /** The revision to read from next. */
  next: number;
  /** The log position of the last event digested. */
  last: number;
  /** Feedback events already in hand, by revision (a digest made from a whole stream just read). */
  feedbackEvents: Map<number, RecordedEvent>;
  /** Every response counted, once per digest (countsOf): a kept digest is never changed, so its counts hold. */
  counts?: FeedbackCounts;
}

/** Responses in log order, with what a feedback node counts over them. */
export interface FeedbackCounts {
  records: readonly FeedbackRecord[];
  respondents: number;
  redacted: number;
  events: number;
}

export function countFeedback(records: readonly FeedbackRecord[]): FeedbackCounts {
  let respondents = 0;
  let redacted = 0;
  let events = 0;
  for (const record of records) {
    respondents += record.respondents;
    if (record.redactions.length > 0) redacted++;
    events += (record.received ? 1 : 0) + record.redactions.length;
  }
  return { records, respondents, redacted, events };
}

/**
 * Every response of the digest counted, kept on the digest itself: it lives and dies with the
 * digest (a kept one is counted once however often it is traced), and holds no other reference.
 */
export function countsOf(digest: ActivityDigest): FeedbackCounts {
  digest.counts ??= countFeedback([...digest.feedback.values()]);
  return digest.counts;
}

const FEEDBACK_TYPES: ReadonlySet<string> = new Set(['FeedbackReceived', 'FeedbackRedacted']);

/** A response's place in the log, by which a trace orders and pages them. */
export const receivedAt = (record: FeedbackRecord): number => record.received?.position ?? record.redactions[0]?.position ?? 0;

/** Add events read after the digest's last to it, in place; `keep` keeps the feedback events in hand too. */
export function extendDigest(digest: ActivityDigest, events: readonly RecordedEvent[], keep: boolean): ActivityDigest {
  for (const recorded of events) {
    digest.next = recorded.revision + 1;
    digest.last = recorded.position;
    if (!FEEDBACK_TYPES.has(recorded.type)) {
      digest.events.push(recorded);
      continue;
    }
    if (keep) digest.feedbackEvents.set(recorded.revision, recorded);
    const event = readStoredEvent(recorded.type, recorded.version, recorded.data);
    const at = { revision: recorded.revision, position: recorded.position };
    if (event.type === 'FeedbackReceived') {
      const { feedbackId, respondents } = event.data;
      digest.feedback.set(feedbackId, { feedbackId, received: { ...at, recordedAt: recorded.metadata.recordedAt }, respondents, redactions: [] });
    } else if (event.type === 'FeedbackRedacted') {
      // A new record, not the old one changed: an earlier copy of the digest may share it.
      const known = digest.feedback.get(event.data.feedbackId) ?? { feedbackId: event.data.feedbackId, received: null, respondents: 0, redactions: [] };
      digest.feedback.set(known.feedbackId, { ...known, redactions: [...known.redactions, at] });
    }
  }
  return digest;
}

/** A whole stream, digested, its feedback events kept in hand: what a trace assembled from streams already read uses. */
export function digestOf(events: readonly RecordedEvent[]): ActivityDigest {
  return extendDigest({ events: [], feedback: new Map(), next: 0, last: 0, feedbackEvents: new Map() }, events, true);
}

/** The digest as of a log position: what was appended after it is left out. */
export function digestAsOf(digest: ActivityDigest, asOf: number): ActivityDigest {
  if (digest.last <= asOf) return digest;
  const feedback = new Map<string, FeedbackRecord>();
  for (const [id, record] of digest.feedback) {
    const received = record.received && record.received.position <= asOf ? record.received : null;
    const redactions = record.redactions.filter((r) => r.position <= asOf);
    if (received || redactions.length > 0) feedback.set(id, { ...record, received, redactions });
  }
  return { ...digest, events: digest.events.filter((e) => e.position <= asOf), feedback, last: asOf, counts: undefined };
}

/**
 * Streams with at least this many responses are kept digested. Every one with feedback: a
 * profile of traces over the 1M-event ledger spent 45 % of their time reading again, whole,
 * activity streams of 30 to 400 events, to count responses and show two of them.
 */
export const DIGEST_FROM = 1;
/**
 * How many digests a process keeps: each holds a few numbers per response, and the activity's
 * other events; at most, then, a record for each response in the log.
 */
export const DIGESTS_KEPT = 1_000;

/** A copy to extend: a trace still assembling from the digest it was given must not see it change. */
const copyOf = (digest: ActivityDigest): ActivityDigest => ({ ...digest, events: [...digest.events], feedback: new Map(digest.feedback), feedbackEvents: new Map(), counts: undefined });

/** The digests of one store's activity streams, caught up one reader at a time per stream; a kept digest is replaced, never changed. */
export class ActivityDigests {
  private readonly kept = new Map<string, { digest: ActivityDigest; reading: Promise<unknown> }>();

  constructor(
    private readonly from = DIGEST_FROM,
    private readonly capacity = DIGESTS_KEPT,
  ) {}

  /** The stream digested as of `asOf`. */
  async read(store: EventStore, streamId: string, asOf: number): Promise<ActivityDigest> {
    const known = this.kept.get(streamId);
    if (!known) {
      const digest = digestOf(await store.readStream(streamId));
      if (digest.feedback.size >= this.from) this.keep(streamId, { ...digest, feedbackEvents: new Map(), counts: undefined });
      return digestAsOf(digest, asOf);
    }
    // Most recently used last, so the first is the one to drop.
    this.kept.delete(streamId);
    this.kept.set(streamId, known);
    const reading = known.reading
      .catch(() => undefined)
      .then(async () => {
        const since = await store.readStream(streamId, { fromRevision: known.digest.next });
        if (since.length > 0) known.digest = extendDigest(copyOf(known.digest), since, false);
        return known.digest;
      });
    known.reading = reading;
    return digestAsOf(await reading, asOf);
  }

  private keep(streamId: string, digest: ActivityDigest): void {
    this.kept.set(streamId, { digest, reading: Promise.resolve() });
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value as string);
  }
}

const byStore = new WeakMap<EventStore, ActivityDigests>();

export function activityDigestsOf(store: EventStore): ActivityDigests {
  const known = byStore.get(store) ?? new ActivityDigests();
  byStore.set(store, known);
  return known;
}

/** The revisions of a response's events. */
export const revisionsOf = (record: FeedbackRecord): number[] => [...(record.received ? [record.received.revision] : []), ...record.redactions.map((r) => r.revision)];

/** A summary lists at most this many responses (the first and last): their events stay in hand with the digest once read. */
const KEPT_IN_HAND = 2;

/**
 * The events of the responses listed: those in hand, the rest read from the store by revision, a
 * run of consecutive ones at a time. Those of a summary (the first and last) are kept in hand with
 * the digest, so tracing it again reads none of them: an event at a revision never changes, and
 * a digest extended is a copy that starts with none (copyOf), so this stays a few per digest.
 */
export async function feedbackEventsOf(store: EventStore, streamId: string, digest: ActivityDigest, records: readonly FeedbackRecord[]): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  const missing: number[] = [];
  for (const revision of records.flatMap(revisionsOf).sort((a, b) => a - b)) {
    const inHand = digest.feedbackEvents.get(revision);
    if (inHand) events.push(inHand);
    else missing.push(revision);
  }
  for (let i = 0; i < missing.length; ) {
    let j = i + 1;
    while (j < missing.length && missing[j] === (missing[j - 1] as number) + 1) j++;
    const read = await store.readStream(streamId, { fromRevision: missing[i] as number, maxCount: j - i });
    if (records.length <= KEPT_IN_HAND) for (const event of read) digest.feedbackEvents.set(event.revision, event);
    events.push(...read);
    i = j;
  }
  return events;
}
