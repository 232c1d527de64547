// The demo's public site, loaded after the seeds: what the demo publishes, and a few consultations
// of the seed organisations that are open or upcoming on the day the demo is loaded.
//
// Publishing is the demo's act, not the seeds': no seed says its records were put on a website.
// Each publication cites the passage that asks for this openness, and says so in its reading. The
// open and upcoming consultations are demo data: titled "(demo)", dated from the day the demo is
// loaded, each citing the passage that names such a consultation and saying in its reading that
// the consultation itself is made up. Nothing they record (no participant, no finding) is invented.

import { dateOf, dayOf } from '../projections/periods.js';
import { step } from './builders.js';
import { citing, type Citation } from './documents.js';
import { coordinationTeam, rcBoardDecision, rcCouncil, rcPartnership } from './redcar-2007.js';
import type { DemoStep } from './step.js';

const redcar = citing('redcar-2007');
const halton = citing('halton-2013');
const chester = citing('chester-le-street-2006');

const DEMO_PUBLICATION = 'The document does not say this record was published: the demo publishes it on its public site, so residents can read the seed’s evidence, as the passage asks.';
const openlyAvailable = redcar('Appendix 3, Work to date with service providers', 'Building neighbourhood profiles, with data collected by all and openly available to all on a website. Again community anchor organisations would be important in building this data-base.', DEMO_PUBLICATION);

/** The Redcar & Cleveland 2007 workshops and the Partnership Board decision of 25 May 2007 they fed. */
export const redcarWorkshops = ['rc-anchor-workshop-1', 'rc-providers-workshop', 'rc-anchor-workshop-2', 'rc-joint-workshop'] as const;

const publishSeeds: DemoStep[] = [
  ...redcarWorkshops.map((activityId) => step(coordinationTeam, { type: 'PublishActivity', data: { activityId } }, openlyAvailable)),
  step(rcPartnership, { type: 'PublishDecision', data: { decisionId: rcBoardDecision } }, openlyAvailable),
];

const reading = (what: string) =>
  `Demo data: ${what} is made up for the public site's demo, dated from the day the demo is loaded; the seed only names such a consultation in this passage.`;

interface DemoConsultation {
  as: string;
  activityId: string;
  title: string;
  description: string;
  method: 'survey' | 'online_consultation' | 'workshop';
  topics: string[];
  areaIds: string[];
  /** Days from the day the demo is loaded. */
  opens: number;
  closes: number;
  howToRespond: string;
  source: Citation;
  /** A document published with it, this many days before it opens (notice, for a workshop). */
  paperDaysBefore?: number;
}

const demoConsultations: DemoConsultation[] = [
  {
    as: rcCouncil,
    activityId: 'rc-budget-consultation-demo',
    title: 'Council budget consultation (demo)',
    description: 'Demo data, not from the seed documents: how should the council set its budget next year?',
    method: 'online_consultation',
    topics: ['budget', 'council services'],
    areaIds: ['redcar-cleveland'],
    opens: -24,
    closes: 6,
    howToRespond: 'Answer the questions online, or ask for a paper copy at any library or council office. This is demo data: there is no real consultation.',
    source: redcar('Appendix 3, Work to date with service providers', 'An annual calendar of engagement, listing the consultations that occur each year; for example around the Council budget, around the Fire and Rescue Service annual plans.', reading('this budget consultation')),
  },
  {
    as: 'halton-borough-council',
    activityId: 'hbc-residents-survey-demo',
    title: 'Residents survey (demo)',
    description: 'Demo data, not from the seed documents: how residents see the borough and its services, run jointly as the 2012 survey was.',
    method: 'survey',
    topics: ['community safety', 'council services'],
    areaIds: ['halton'],
    opens: -10,
    closes: 32,
    howToRespond: 'Fill in the survey online, or return the paper form sent to your address. This is demo data: there is no real survey.',
    source: halton('Appendix A, Progress', "Resident's survey 2012 was a joint consultation – this is to be used as an example to follow.", reading('this residents survey')),
  },
  {
    as: 'chester-le-street-dc',
    activityId: 'cls-residents-survey-demo',
    title: 'Annual residents survey (demo)',
    description: 'Demo data, not from the seed documents: whether the council is improving, as its annual survey asks.',
    method: 'survey',
    topics: ['council services'],
    areaIds: ['chester-le-street'],
    opens: 21,
    closes: 63,
    howToRespond: 'The survey opens online and on paper at the civic centre. This is demo data: there is no real survey.',
    source: chester('3.8', 'We will continue our annual Residents Survey to gain regular feedback on whether the council is improving.', reading('this residents survey')),
  },
  {
    as: coordinationTeam,
    activityId: 'rc-community-action-planning-demo',
    title: 'Community Action Planning workshop (demo)',
    description: 'Demo data, not from the seed documents: planning many services at one go, to prevent consultation overload.',
    method: 'workshop',
    topics: ['community action planning'],
    areaIds: ['redcar-cleveland'],
    opens: 18,
    closes: 18,
    paperDaysBefore: 18,
    howToRespond: 'Book a place with your community anchor organisation. This is demo data: there is no real workshop.',
    source: redcar('Appendix 3, Work to date with service providers', 'A process of Community Action Planning, which would involve planning around many services at one go. This would prevent consultation overload.', reading('this workshop')),
  },
];

function consultation(c: DemoConsultation, today: string): DemoStep[] {
  const day = (offset: number) => dateOf(dayOf(today) + offset);
  const opens = day(c.opens);
  const planned = step(
    c.as,
    {
      type: 'PlanActivity',
      data: {
        activityId: c.activityId,
        title: c.title,
        description: c.description,
        category: 'consultation',
        method: c.method,
        topics: c.topics,
        areaIds: c.areaIds,
        window: { opens, closes: day(c.closes) },
        documents: c.paperDaysBefore === undefined ? [] : [{ title: `${c.title}: invitation and agenda`, publishedOn: day(c.opens - c.paperDaysBefore) }],
        howToTakePart: { howToRespond: c.howToRespond },
      },
    },
    c.source,
  );
  const opened = c.opens <= 0 ? [step(c.as, { type: 'OpenActivity', data: { activityId: c.activityId, openedOn: opens } }, c.source)] : [];
  return [planned, ...opened, step(c.as, { type: 'PublishActivity', data: { activityId: c.activityId } }, c.source)];
}

/** The publication steps, for a demo loaded on `today` (YYYY-MM-DD), after the seeds. */
export function publicationDemo(today: string): DemoStep[] {
  return [...publishSeeds, ...demoConsultations.flatMap((c) => consultation(c, today))];
}
