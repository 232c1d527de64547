// Halton's guidance notes for the health check (seed 004, Appendix B), kept in the product so a
// panel can read what a score means. The seed's words, with its HTML and page breaks removed and
// its mixed quote marks made plain. The seed repeats the same guidance in every category's row
// for planning, partnership, breadth and taking action (checked word for word); only depth
// differs by category, and information giving has none ("n/a").

import type { HealthCheckDimension } from '../../../domain/events/health-check.js';
import type { EngagementCategory } from '../../../domain/values.js';

export type HealthCheckScore = 1 | 2 | 3 | 4;
export const healthCheckScores: readonly HealthCheckScore[] = [1, 2, 3, 4];

/** What each score means, from 1 (poor performing) to 4 (high performing). */
export type ScoreGuidance = Readonly<Record<HealthCheckScore, string>>;

export interface CategoryGuidance {
  name: string;
  /** The seed's definition of the category, as its guidance table gives it. */
  description: string;
  /** `null` where the dimension is not scored: depth for information giving. */
  dimensions: Readonly<Record<HealthCheckDimension, ScoreGuidance | null>>;
}

export const dimensionNames: Readonly<Record<HealthCheckDimension, string>> = {
  planning: 'Level of planning',
  partnership: 'Working in partnership',
  breadth: 'Breadth of engagement',
  depth: 'Depth of engagement',
  taking_action: 'Taking action',
};

const planning: ScoreGuidance = {
  1: 'Engagement activity is ad hoc and developed at a service level with no quality control.',
  2: 'There is some evidence of planning above the service level, focused on departments and specific projects. The organisation provides guidance but does not monitor quality or consistency.',
  3: "Departments collaborate well and know individually who they are trying to engage. Stakeholders' views of community needs are fed into the process but not consistently. There is limited quality control in individual teams and departments, but no consistent approach.",
  4: 'Engagement is planned at the top. The partnership knows who it needs to engage with and at what level and ensures this is carried out in a high quality manner.',
};

const partnership: ScoreGuidance = {
  1: 'Any engagement is planned without integration, leading to duplication.',
  2: 'There are some examples of services collaborating to consult common customers, but substantial duplication remains.',
  3: "Consultation needs and plans are aggregated as part of the partnership's business plans, but key partners are insufficiently involved.",
  4: 'Engagement activities are co-ordinated within the organisation and with partners.',
};

const breadth: ScoreGuidance = {
  1: 'There is no systematic analysis of who needs to be engaged.',
  2: "There is some recognition of groups classified as 'hard to reach', but no detailed demographics.",
  3: 'The partnership knows which sections of the population need to be engaged but insufficient action is taken.',
  4: "The partnership knows the detailed demographics of the area and use appropriate methods to ensure the whole community's participation.",
};

const takingAction: ScoreGuidance = {
  1: 'Results of engagement activity are recorded and considered, but little action occurs as a result.',
  2: 'Results are fed back beyond the service level and some actions incorporated in to forward planning.',
  3: 'Results are fed back at a departmental level and incorporated in to business plans. This information is fed back to stakeholders.',
  4: 'Results of engagement are recorded and fed directly in to business planning. Results are fed back to the involved stakeholders and an ongoing engagement is established to monitor progress.',
};

const depthConsultation: ScoreGuidance = {
  1: 'Engagement is limited to information-giving and quantitative feedback.',
  2: 'Engagement is largely quantitative, with isolated examples of more qualitative dialogue.',
  3: 'Some departments use creative techniques to gather feedback and engage sections of the community in ongoing dialogue, but the approach is not consistent across the organisation.',
  4: "The partnership uses qualitative as well as quantitative engagement where appropriate. Communities can influence the 'big picture' as well as taking part in detailed collaborative work dialogue.",
};

/** The seed's Deciding Together row moves "with isolated examples of more qualitative dialogue" from 2 to 3; kept as written. */
const depthDecidingTogether: ScoreGuidance = {
  1: 'Engagement is limited to information-giving and quantitative feedback.',
  2: 'Engagement is largely quantitative.',
  3: 'Some departments use creative techniques to gather feedback and engage sections of the community in ongoing dialogue, but the approach is not consistent across the organisation, with isolated examples of more qualitative dialogue.',
  4: "The partnership uses qualitative as well as quantitative engagement. Communities can influence the 'big picture' as well as taking part in detailed collaborative work dialogue.",
};

/** As consultation's, but its 4 has no "where appropriate". */
const depthActingTogether: ScoreGuidance = {
  ...depthConsultation,
  4: "The partnership uses qualitative as well as quantitative engagement. Communities can influence the 'big picture' as well as taking part in detailed collaborative work dialogue.",
};

export const healthCheckGuidance: Readonly<Record<EngagementCategory, CategoryGuidance>> = {
  information_giving: {
    name: 'Information Giving',
    description:
      'Information Giving – simple, direct, one way communication. Either from partnership agency to public or individual to agency. Keeping people informed of activities, decisions and events. This could be via a mailshot, information on the website, information via email, facebook, twitter or text, or an exhibition. It also includes direct contact from individuals, for example complaints, compliments and other information.',
    dimensions: { planning, partnership, breadth, depth: null, taking_action: takingAction },
  },
  consultation: {
    name: 'Consultation',
    description:
      'Consultation – this involves a dialogue between parties who listen to each other. For example, options or proposals may be presented to the public who are given the chance to comment on them and ask questions about them. This could also take the form of a survey, delivered online, over the telephone, face-to-face or through the post. Consultation means the right to be heard, not the right to influence or decide.',
    dimensions: { planning, partnership, breadth, depth: depthConsultation, taking_action: takingAction },
  },
  deciding_together: {
    name: 'Deciding Together',
    description:
      'Deciding Together – The local community are involved in making decisions with the partnership on what will be done, with the partnership taking these forward. For example, involving local residents on planning new road layouts.',
    dimensions: { planning, partnership, breadth, depth: depthDecidingTogether, taking_action: takingAction },
  },
  acting_together: {
    name: 'Acting Together',
    description:
      'Acting Together – Decisions are made together between local people and agencies of the strategic partnership. The people involved in making the decisions also take part in carrying them out.',
    dimensions: { planning, partnership, breadth, depth: depthActingTogether, taking_action: takingAction },
  },
};

/** The guidance for one cell and score; `null` where the dimension is not scored for the category. */
export function guidanceFor(category: EngagementCategory, dimension: HealthCheckDimension, score: HealthCheckScore): string | null {
  return healthCheckGuidance[category].dimensions[dimension]?.[score] ?? null;
}
