// What the duplication report and the calendar both know of an activity: what it is, who runs
// it, whom it targets, on what topics, when, and where it stands. Kept small on purpose: a
// partnership's ledger can hold a hundred thousand activities, all read for one report.

import type { EventData, LedgerEvent } from '../../../domain/events/catalogue.js';
import type { DateWindow } from '../../../domain/values.js';
import { definedFields } from '../../entities/corrections.js';
import { defineFact } from './facts.js';

export type ActivityStatus = 'planned' | 'open' | 'closed' | 'cancelled';

type Planned = EventData<'ActivityPlanned'>;

export interface ActivityFacts {
  activityId: string;
  organisationId: string;
  jointPartnerIds: string[];
  title: string;
  description?: string;
  category: Planned['category'];
  method: Planned['method'];
  topics: string[];
  areaIds: string[];
  communityIds: string[];
  window: DateWindow;
  status: ActivityStatus;
}

/** Opening order, ties by id, so every list of activities reads the same way. */
export const byOpening = (a: ActivityFacts, b: ActivityFacts): number =>
  a.window.opens < b.window.opens ? -1 : a.window.opens > b.window.opens ? 1 : a.activityId < b.activityId ? -1 : a.activityId > b.activityId ? 1 : 0;

export const activityKey = (activityId: string): string => `activity:${activityId}`;

function planned(data: Planned): ActivityFacts {
  const { activityId, organisationId, jointPartnerIds, title, description, category, method, topics, areaIds, communityIds, window } = data;
  return {
    activityId,
    organisationId,
    jointPartnerIds,
    title,
    ...(description === undefined ? {} : { description }),
    category,
    method,
    topics,
    areaIds,
    communityIds,
    window,
    status: 'planned',
  };
}

/** Only the details these facts hold; the plan it serves and its documents are other read models' business. */
function amended(facts: ActivityFacts, changes: EventData<'ActivityDetailsAmended'>['changes']): ActivityFacts {
  const { title, description, category, method, topics, areaIds, communityIds, jointPartnerIds } = changes;
  return { ...facts, ...definedFields({ title, description, category, method, topics, areaIds, communityIds, jointPartnerIds }) };
}

export function evolveActivityFacts(facts: ActivityFacts | undefined, event: LedgerEvent): ActivityFacts | undefined {
  if (event.type === 'ActivityPlanned') return planned(event.data);
  if (!facts) return facts;
  switch (event.type) {
    case 'ActivityDetailsAmended':
      return amended(facts, event.data.changes);
    case 'ActivityRescheduled':
      return { ...facts, window: event.data.window };
    case 'ActivityOpened':
      return { ...facts, status: 'open' };
    case 'ActivityClosed':
      return { ...facts, status: 'closed' };
    case 'ActivityCancelled':
      return { ...facts, status: 'cancelled' };
    default:
      return facts;
  }
}

export const activityFacts = defineFact<ActivityFacts>({
  eventTypes: ['ActivityPlanned', 'ActivityDetailsAmended', 'ActivityRescheduled', 'ActivityOpened', 'ActivityClosed', 'ActivityCancelled'],
  key: (event) => activityKey((event.data as { activityId: string }).activityId),
  evolve: evolveActivityFacts,
});
