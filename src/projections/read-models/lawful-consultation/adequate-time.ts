// Gunning's third principle, adequate time, judged as the method makes sense of it. A written
// consultation or a survey is answered in people's own time: it is judged on how long its window
// was open, against a minimum for its method. A workshop or a meeting happens on a day: a one-day
// window says nothing about whether people had time to take part, so it is judged on the notice
// given (days from when it was first announced to the day it opened), against a minimum notice.
// An interview, a mystery shop or an information campaign asks no one to respond in time, so the
// principle does not apply. Every answer says which rule was applied.

import { activityMethods } from '../../../domain/events/activity.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { daysBetween } from '../../filters.js';
import { dayOf } from '../../periods.js';

export type ActivityMethod = (typeof activityMethods)[number];
export type TimeRule = 'window' | 'notice' | 'not_applicable';

/** How adequate time is judged for each method. */
export const timeRuleOf: Readonly<Record<ActivityMethod, TimeRule>> = {
  survey: 'window',
  online_consultation: 'window',
  citizens_panel: 'window',
  exhibition: 'window',
  other: 'window',
  workshop: 'notice',
  focus_group: 'notice',
  public_meeting: 'notice',
  forum: 'notice',
  drop_in: 'notice',
  interview: 'not_applicable',
  mystery_shop: 'not_applicable',
  information_campaign: 'not_applicable',
};

/**
 * Minimum days per method: the window for a written consultation or survey (28 days, a common
 * floor for a public consultation; no statute sets one), the notice for an event (14 days). Each
 * council sets its own: the view takes them per method, and the public site from its configuration.
 */
export const DEFAULT_MINIMUM_WINDOW_DAYS = 28;
export const DEFAULT_MINIMUM_NOTICE_DAYS = 14;

export type Minimums = Partial<Record<ActivityMethod, number>>;

/** "survey=42,workshop=7": days per method; throws naming the part at fault. */
export function parseMinimums(text: string): Minimums {
  const minimums: Minimums = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-z_]+)=(\d{1,4})$/.exec(part);
    if (!match || !(activityMethods as readonly string[]).includes(match[1] as string) || Number(match[2]) < 1) {
      throw new Error(`"${part}" is not method=days (a method of ${activityMethods.join(', ')}; days from 1)`);
    }
    minimums[match[1] as ActivityMethod] = Number(match[2]);
  }
  return minimums;
}

export interface MinimumsAsked {
  /** Every window method's minimum, unless `byMethod` names it. */
  windowDays?: number | undefined;
  /** Every notice method's minimum, unless `byMethod` names it. */
  noticeDays?: number | undefined;
  byMethod?: Minimums | undefined;
}

export function minimumFor(method: ActivityMethod, asked: MinimumsAsked): number | null {
  const rule = timeRuleOf[method];
  if (rule === 'not_applicable') return null;
  return asked.byMethod?.[method] ?? (rule === 'window' ? (asked.windowDays ?? DEFAULT_MINIMUM_WINDOW_DAYS) : (asked.noticeDays ?? DEFAULT_MINIMUM_NOTICE_DAYS));
}

export type TimeVerdict = 'met' | 'not_met' | 'unknown' | 'not_applicable';

export interface TimeAssessment {
  verdict: TimeVerdict;
  rule: TimeRule;
  /** The days counted: the window's length, or the notice given; null where unknown or not applicable. */
  days: number | null;
  minimumDays: number | null;
  /** For notice: the day it was first announced, by the evidence. */
  announcedOn: string | null;
  evidence: string[];
}

/** Days the window was open, both ends included, as last planned or rescheduled. */
export function windowDays(activity: ActivityFacts): number {
  return daysBetween(activity.window.opens, activity.window.closes) + 1;
}

/**
 * When the activity was first announced, on the record: a document published with it, or its
 * publication on the public site, on or before the day it opened. The earliest wins.
 */
function firstAnnouncement(activity: ActivityFacts): { on: string; eventId: string } | null {
  const opens = dayOf(activity.window.opens);
  const candidates = [...activity.documents.map((d) => ({ on: d.publishedOn, eventId: d.eventId })), ...(activity.announced ? [activity.announced] : [])].filter(
    (a) => dayOf(a.on) <= opens,
  );
  return candidates.reduce<{ on: string; eventId: string } | null>((first, a) => (first === null || dayOf(a.on) < dayOf(first.on) ? a : first), null);
}

export function adequateTime(activity: ActivityFacts, asked: MinimumsAsked): TimeAssessment {
  const method = activity.method as ActivityMethod;
  const rule = timeRuleOf[method];
  const minimumDays = minimumFor(method, asked);
  if (rule === 'not_applicable' || minimumDays === null) {
    return { verdict: 'not_applicable', rule: 'not_applicable', days: null, minimumDays: null, announcedOn: null, evidence: [activity.plannedEventId] };
  }
  if (rule === 'window') {
    const days = windowDays(activity);
    return { verdict: days >= minimumDays ? 'met' : 'not_met', rule, days, minimumDays, announcedOn: null, evidence: [activity.window.eventId] };
  }
  const announced = firstAnnouncement(activity);
  if (announced === null) return { verdict: 'unknown', rule, days: null, minimumDays, announcedOn: null, evidence: [activity.plannedEventId] };
  const days = daysBetween(announced.on, activity.window.opens);
  return { verdict: days >= minimumDays ? 'met' : 'not_met', rule, days, minimumDays, announcedOn: announced.on, evidence: [...new Set([announced.eventId, activity.window.eventId])] };
}
