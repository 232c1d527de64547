// Publication: nothing in the ledger is public until an officer of the organisation that owns it
// publishes it, and withdrawing it from publication is an event too, so the ledger keeps both
// (who published what, when, and when it stopped being public). The public site shows only what
// these events say is published; a published activity's findings are public unless marked internal.

import { z } from 'zod';
import { entityId, multilineText, reason, webLink } from '../values.js';
import { defineEvent } from './define.js';

/**
 * How a resident takes part, in plain words, with a link where there is one ("Fill in the survey
 * online, or ask for a paper copy at any library"): GOV.UK's `ways_to_respond`. A detail of the
 * activity (ActivityPlanned v4, ActivityDetailsAmended v3), not of its publication.
 */
export const howToTakePart = z.object({
  /** Where to respond online, when people can. */
  url: webLink.optional(),
  /** How to respond, in plain words. */
  howToRespond: multilineText(2_000),
});
export type HowToTakePart = z.infer<typeof howToTakePart>;

/** The activity is public from now on (and again, after a withdrawal). */
export const ActivityPublished = defineEvent('ActivityPublished', 1, z.object({ activityId: entityId }));

/** The activity is no longer public: the site and its feeds stop showing it from the next read. */
export const ActivityWithdrawnFromPublication = defineEvent('ActivityWithdrawnFromPublication', 1, z.object({ activityId: entityId, reason }));

/** A finding of the activity is kept off the public site (it names a person, say), whatever the activity's publication. */
export const FindingMarkedInternal = defineEvent('FindingMarkedInternal', 1, z.object({ activityId: entityId, findingId: entityId, reason }));

/** A finding marked internal is public again with its activity. */
export const FindingMarkedPublic = defineEvent('FindingMarkedPublic', 1, z.object({ activityId: entityId, findingId: entityId }));

export const DecisionPublished = defineEvent('DecisionPublished', 1, z.object({ decisionId: entityId }));

export const DecisionWithdrawnFromPublication = defineEvent('DecisionWithdrawnFromPublication', 1, z.object({ decisionId: entityId, reason }));
