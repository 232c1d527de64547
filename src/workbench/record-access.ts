// A record as an officer may open it: read from its stream, refused when there is none, and
// refused when it belongs to another organisation, before any form of it is drawn or sent.

import type { Actor } from '../domain/actor.js';
import { entityId } from '../domain/values.js';
import type { LedgerEvent } from '../domain/events/catalogue.js';
import { ApiError } from '../http/errors.js';
import { toLedgerEvent } from '../ledger/command-handler.js';
import type { EventStore, RecordedEvent } from '../store/port.js';
import { streamOf, type RecordKind } from './records.js';

export interface OpenedRecord {
  kind: RecordKind;
  id: string;
  streamId: string;
  recorded: RecordedEvent[];
  events: LedgerEvent[];
  /** The stream's revision: a form drawn now sends it back, so a change in between is seen. */
  revision: number;
  view: Record<string, unknown>;
  title: string;
}

export async function openRecord(store: EventStore, kind: RecordKind, id: string, actor: Actor): Promise<OpenedRecord> {
  if (!entityId.safeParse(id).success) throw new ApiError(404, 'RECORD_NOT_FOUND', `there is no ${kind.noun} ${id}`, { id });
  const streamId = streamOf(kind, id, actor);
  const recorded = await store.readStream(streamId);
  if (recorded.length === 0) throw new ApiError(404, 'RECORD_NOT_FOUND', `there is no ${kind.noun} ${id}`, { id });
  const events = recorded.map(toLedgerEvent);
  const owners = kind.owners(events, actor);
  if (!actor.organisationId || !owners.includes(actor.organisationId)) {
    throw new ApiError(403, 'OTHER_ORGANISATION', `this ${kind.noun} belongs to another organisation: only its own officers record for it`, { id });
  }
  const view = kind.view(events);
  return { kind, id, streamId, recorded, events, revision: (recorded[recorded.length - 1] as RecordedEvent).revision, view, title: kind.title(view, id) };
}
