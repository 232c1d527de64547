// One organisation's health-check submissions to a cycle. A later submission supersedes the one
// in force; the superseded ones stay, oldest first, each marked with what replaced it.

import type { EventData, LedgerEvent } from '../../domain/events/catalogue.js';

export type Submission = EventData<'HealthCheckSubmitted'>;

export interface HealthCheckSubmissionView extends Record<string, unknown> {
  current: Submission | null;
  superseded: (Submission & { supersededBy: string })[];
}

export const emptyHealthCheckSubmissionView: HealthCheckSubmissionView = { current: null, superseded: [] };

export function evolveHealthCheckSubmissionView(view: HealthCheckSubmissionView, event: LedgerEvent): HealthCheckSubmissionView {
  if (event.type !== 'HealthCheckSubmitted') return view;
  const { current } = view;
  const superseded = current ? [...view.superseded, { ...current, supersededBy: event.data.submissionId }] : view.superseded;
  return { current: event.data, superseded };
}

export function healthCheckSubmissionView(events: readonly LedgerEvent[]): HealthCheckSubmissionView {
  return events.reduce(evolveHealthCheckSubmissionView, emptyHealthCheckSubmissionView);
}
