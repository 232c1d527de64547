// The officer's desk (/workbench): their organisation's consultations by where they stand (open,
// closing within 14 days, closed and awaiting an outcome with the days it has waited, outcome
// given), their actions due or overdue, health-check returns due, and partners' consultations
// on the same people and topics, from the duplication read model, before planning a new one.

import type { FastifyInstance } from 'fastify';
import type { Row } from '../../projections/read-model-view.js';
import type { WorkbenchDeps } from '../deps.js';
import { words } from '../forms/labels.js';
import { longDate, officerOf, page } from '../page.js';
import { readAll } from '../read.js';
import { OFFICERS } from './forms.js';

/** "Closing soon": within this many days. */
export const CLOSING_SOON_DAYS = 14;
/** Actions due within this many days are listed with the overdue ones. */
export const ACTIONS_DUE_DAYS = 31;
/** Partners' consultations this far ahead are worth knowing of before planning one. */
const AHEAD_DAYS = 183;

const daysFrom = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** What a method of engagement has people do, for a sentence: "Police are surveying...". */
const DOING: Record<string, string> = {
  survey: 'surveying',
  workshop: 'running workshops with',
  focus_group: 'running focus groups with',
  public_meeting: 'holding public meetings for',
  forum: 'holding a forum for',
  citizens_panel: 'asking a citizens’ panel in',
  interview: 'interviewing',
  online_consultation: 'consulting online',
  drop_in: 'holding drop-in sessions for',
  exhibition: 'holding an exhibition for',
  information_campaign: 'informing',
  mystery_shop: 'mystery shopping in',
};

export interface PartnerConsultation {
  activityId: string;
  sentence: string;
  opens: string;
  closes: string;
  jointWindow?: string;
}

/** "Police are surveying Ward A on anti-social behaviour from 15 March 2026; consider a joint consultation." */
export function partnerSentence(row: { organisationName?: unknown; organisationId?: unknown; method?: unknown; areaIds?: unknown; communityIds?: unknown; topics?: unknown; opens?: unknown }): string {
  const who = String(row.organisationName ?? row.organisationId);
  const doing = DOING[String(row.method)] ?? 'consulting';
  const where = [...((row.areaIds as string[] | undefined) ?? []), ...((row.communityIds as string[] | undefined) ?? [])];
  const topics = (row.topics as string[] | undefined) ?? [];
  // Organisations take the plural, as British English has it: "the council are consulting".
  return `${who} are ${doing} ${where.length > 0 ? where.join(', ') : 'people'}${topics.length > 0 ? ` on ${topics.join(', ')}` : ''} from ${longDate(String(row.opens))}; consider a joint consultation.`;
}

export function deskPage(app: FastifyInstance, deps: WorkbenchDeps): void {
  app.get('/workbench', { config: OFFICERS, schema: { hide: true } }, async (request, reply) => {
    const officer = officerOf(request);
    const organisation = officer.organisationId as string;
    const today = new Date().toISOString().slice(0, 10);
    const mine = { organisation };
    const [activities, actions, returns, clusters, calendar] = await Promise.all([
      readAll(deps.read, 'influence/activities', mine, today),
      readAll(deps.read, 'action-plans/tracker', mine, today),
      readAll(deps.read, 'health-check/not-submitted', {}, today),
      readAll(deps.read, 'duplication/clusters', { ...mine, from: today, to: addDays(today, AHEAD_DAYS) }, today),
      readAll(deps.read, 'calendar', { from: today, to: addDays(today, AHEAD_DAYS), period: 'quarter' }, today),
    ]);

    const consultation = (row: Row) => ({
      activityId: String(row.activityId),
      title: String(row.title),
      href: `/workbench/activities/${String(row.activityId)}`,
      opens: longDate(row.opens as string),
      closes: longDate(row.closes as string),
      closesIn: daysFrom(today, row.closes as string),
      daysWaiting: row.daysSinceClosing as number | null,
      decisions: row.decisionCount as number,
      toldOn: longDate(row.participantsToldOn as string | null),
    });
    const open = activities.filter((r) => r.status === 'open');
    const desk = {
      planned: activities.filter((r) => r.status === 'planned').map(consultation),
      closingSoon: open.filter((r) => daysFrom(today, r.closes as string) <= CLOSING_SOON_DAYS).map(consultation),
      open: open.filter((r) => daysFrom(today, r.closes as string) > CLOSING_SOON_DAYS).map(consultation),
      awaitingOutcome: activities
        .filter((r) => r.status === 'closed' && !r.participantsTold)
        .sort((a, b) => (b.daysSinceClosing as number) - (a.daysSinceClosing as number))
        .map(consultation),
      outcomeGiven: activities.filter((r) => r.status === 'closed' && r.participantsTold).map(consultation),
    };

    const dueBy = addDays(today, ACTIONS_DUE_DAYS);
    const actionsDue = actions
      .filter((r) => r.status !== 'completed' && r.status !== 'withdrawn' && typeof r.targetDate === 'string' && (r.overdue === true || (r.targetDate as string) <= dueBy))
      .sort((a, b) => String(a.targetDate).localeCompare(String(b.targetDate)))
      .map((r) => ({
        href: `/workbench/actions/${String(r.actionId)}`,
        what: String(r.what).split('\n')[0],
        status: words(String(r.status)),
        due: longDate(r.targetDate as string),
        overdue: r.overdue === true,
        daysOverdue: r.daysOverdue as number | null,
      }));

    const returnsDue = returns
      .filter((r) => r.organisationId === organisation)
      .map((r) => ({ href: `/workbench/health-checks/new?${new URLSearchParams({ cycleId: String(r.cycleId) })}`, name: String(r.cycleName), due: longDate(r.dueBy as string), overdue: r.overdue === true }));

    // Partners' consultations on the same people and topics as one of ours (the duplication read
    // model's clusters), and, before a new one is planned, every partner consultation coming up.
    const seen = new Set<string>();
    const overlaps: PartnerConsultation[] = clusters.flatMap((cluster) =>
      ((cluster.activities as Row[] | undefined) ?? [])
        .filter((a) => a.organisationId !== organisation && !seen.has(String(a.activityId)))
        .map((a) => {
          seen.add(String(a.activityId));
          const calendarRow = calendar.find((c) => c.activityId === a.activityId);
          return {
            activityId: String(a.activityId),
            sentence: partnerSentence({ ...a, method: calendarRow?.method }),
            opens: String(a.opens),
            closes: String(a.closes),
            jointWindow: `${longDate(cluster.suggestedOpens as string)} to ${longDate(cluster.suggestedCloses as string)}`,
          };
        }),
    );
    const comingUp: PartnerConsultation[] = [];
    for (const row of calendar) {
      const id = String(row.activityId);
      if (row.organisationId === organisation || ((row.jointPartnerIds as string[]) ?? []).includes(organisation)) continue;
      if (seen.has(id) || (row.status !== 'planned' && row.status !== 'open')) continue;
      seen.add(id);
      comingUp.push({ activityId: id, sentence: partnerSentence(row), opens: String(row.opens), closes: String(row.closes) });
    }
    comingUp.sort((a, b) => a.opens.localeCompare(b.opens));

    return page(request, reply, deps.sessions, 'desk', {
      title: 'Your desk',
      current: 'desk',
      today: longDate(today),
      organisation,
      desk,
      closingSoonDays: CLOSING_SOON_DAYS,
      actionsDue,
      actionsDueDays: ACTIONS_DUE_DAYS,
      returnsDue,
      overlaps,
      comingUp,
    });
  });
}
