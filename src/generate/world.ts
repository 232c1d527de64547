// The simulated partnership behind a generated ledger: organisations record activities,
// feedback, findings, decisions citing them, actions and health checks over about two years.
// Every event is one the domain would accept at that point (the same rules the deciders
// check), and every stream's expected revision is known, so appends can check it.
//
// Memory stays bounded whatever the size: only a window of live records is kept
// (activities, decisions, actions); retired ones receive no more events.

import { monotonicFactory, type ULIDFactory } from 'ulid';
import { actionStream, actionTransitions } from '../domain/aggregates/action.js';
import { activityStream } from '../domain/aggregates/activity.js';
import { decisionStream } from '../domain/aggregates/decision.js';
import { healthCheckCycleStream } from '../domain/aggregates/health-check-cycle.js';
import { healthCheckStream } from '../domain/aggregates/health-check.js';
import { organisationStream } from '../domain/aggregates/organisation.js';
import { planStream } from '../domain/aggregates/plan.js';
import { areaStream, communityStream } from '../domain/aggregates/reference.js';
import { voiceStream } from '../domain/aggregates/voice.js';
import type { ActionStatus } from '../domain/events/action.js';
import { activityMethods, feedbackKinds } from '../domain/events/activity.js';
import { currentVersion, type EventData, type LedgerEvent, type LedgerEventType } from '../domain/events/catalogue.js';
import { influenceKinds, type InfluenceSource } from '../domain/events/decision.js';
import { organisationKinds } from '../domain/events/organisation.js';
import { voicePrinciples } from '../domain/events/voice.js';
import { engagementCategories } from '../domain/values.js';
import { sealGeneratedResponse } from '../privacy/generated.js';
import type { ExpectedRevision, NewEvent } from '../store/port.js';
import { Random, Text } from './random.js';

/** One append, in the order the generator makes them: a stream, the revision it must be at, its events. */
export interface GeneratedAppend {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: NewEvent[];
}

export interface GenerateOptions {
  seed: number;
  /** Exactly this many events. */
  events: number;
  /** When the simulated history starts (ISO timestamp). */
  start?: string;
  /** How many days it covers, whatever its size. Default 730. */
  days?: number;
  /**
   * Change how often some operations are chosen (see defaultWeights; 0 never). E.g. the
   * duplication benchmark wants many activities and few responses each.
   */
  weights?: Partial<Record<OperationName, number>>;
}

interface Stream {
  streamId: string;
  /** Revision of the stream's last event; -1 before the first. */
  revision: number;
}

interface Organisation extends Stream {
  id: string;
}

interface PlanRecord extends Stream {
  id: string;
  organisationId: string;
  objectives: string[];
  indicators: number;
}

interface ActivityRecord extends Stream {
  id: string;
  organisationId: string;
  status: 'planned' | 'open' | 'closed' | 'cancelled';
  topics: string[];
  areaIds: string[];
  communityIds: string[];
  jointPartnerIds: string[];
  openedOn: string | null;
  /** A sample of its feedback ids (the first few), for findings and redactions to cite. */
  feedbackIds: string[];
  feedbackCount: number;
  /** Finding id -> withdrawn? */
  findings: Map<string, boolean>;
}

/** A retired activity that decisions may still cite; it receives no more events, so its findings are settled. */
interface CitableActivity {
  id: string;
  openedOn: string;
  liveFindings: string[];
}

interface DecisionRecord extends Stream {
  id: string;
  organisationId: string;
  decidedOn: string;
  /** Live link id -> the source it cites, as a key. */
  links: Map<string, string>;
}

interface ActionRecord extends Stream {
  id: string;
  organisationId: string;
  status: ActionStatus;
}

interface CycleRecord extends Stream {
  id: string;
  openedOn: string;
  /** Organisation -> its submission stream for this cycle and the submission in force. */
  submissions: Map<string, Stream & { current: string | null }>;
}

type Op = () => GeneratedAppend | undefined;

const DAY = 86_400_000;
const MAX_FEEDBACK_SAMPLE = 20;
const MAX_CITABLE = 500;
const MAX_DECISIONS = 50;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function event<T extends LedgerEventType>(type: T, data: EventData<T>): LedgerEvent {
  return { type, data } as LedgerEvent;
}

/** `{ [key]: value }` when the coin says so, else nothing: optional fields are absent, never undefined. */
function maybe<K extends string, V>(present: boolean, key: K, value: () => V): { [P in K]?: V } {
  return (present ? { [key]: value() } : {}) as { [P in K]?: V };
}

function sourceKey(source: InfluenceSource): string {
  return source.kind === 'activity' ? `activity:${source.activityId}` : `finding:${source.activityId}:${source.findingId}`;
}

/** How often each operation is chosen, relative to the others: the shape of a partnership's year. */
export const defaultWeights = {
  planActivity: 5,
  openActivity: 5,
  recordFeedback: 16,
  recordFinding: 4,
  amendFinding: 1,
  withdrawFinding: 0.4,
  redactFeedback: 1,
  closeActivity: 4,
  giveFeedbackToParticipants: 3,
  cancelActivity: 0.5,
  rescheduleActivity: 1,
  publishDocument: 1,
  amendActivityDetails: 0.5,
  recordDecision: 3,
  linkInfluence: 6,
  withdrawInfluenceLink: 0.5,
  amendDecision: 0.5,
  planAction: 3,
  changeActionStatus: 4,
  noteActionProgress: 4,
  retimeAction: 1,
  reassignAction: 0.5,
  reopenAction: 0.3,
  adoptPlan: 0.2,
  addObjective: 0.5,
  amendObjective: 0.3,
  addOutcomeIndicator: 0.5,
  openHealthCheckCycle: 0.1,
  submitHealthCheck: 1,
  recordVoiceEvaluation: 0.4,
  defineArea: 0.1,
  defineCommunity: 0.1,
  renameOrganisation: 0.05,
} as const;

/** The operations a simulated partnership performs, by name (the method that performs each). */
export type OperationName = keyof typeof defaultWeights;

export class LedgerWorld {
  private readonly random: Random;
  private readonly text: Text;
  private readonly newId: ULIDFactory;
  private readonly tag: string;
  private counter = 0;
  private remaining: number;
  private clock: number;
  private readonly meanStepMs: number;
  private readonly ops: Op[];
  private readonly weights: number[];

  private readonly organisations: Organisation[] = [];
  private readonly areas: string[] = [];
  private readonly communities: string[] = [];
  private readonly plans: PlanRecord[] = [];
  private activities: ActivityRecord[] = [];
  private citable: CitableActivity[] = [];
  private decisions: DecisionRecord[] = [];
  private actions: ActionRecord[] = [];
  private cycle: CycleRecord | undefined;

  private readonly organisationCount: number;
  private readonly maxLiveActivities: number;
  private readonly maxActions: number;

  constructor(options: GenerateOptions) {
    if (!Number.isInteger(options.events) || options.events < 0) throw new RangeError('events must be a whole number');
    this.random = new Random(options.seed);
    this.text = new Text(this.random);
    const idRandom = new Random(options.seed ^ 0x5bd1e995);
    this.newId = monotonicFactory(() => idRandom.next());
    this.tag = `g${(options.seed >>> 0).toString(36)}`;
    this.remaining = options.events;
    this.clock = Date.parse(options.start ?? '2021-01-04T08:00:00.000Z');
    // About three events per append: spread the appends evenly over the period.
    this.meanStepMs = ((options.days ?? 730) * DAY) / Math.max(1, options.events / 3);

    const n = options.events;
    this.organisationCount = clamp(6 + Math.floor(n / 25_000), 6, 60);
    this.maxLiveActivities = clamp(Math.round(n / 400), 8, 400);
    this.maxActions = clamp(Math.round(n / 300), 10, 300);

    const table = this.operations();
    const weights = { ...defaultWeights, ...options.weights };
    const names = Object.keys(table) as OperationName[];
    this.ops = names.map((name) => table[name]);
    this.weights = names.map((name) => weights[name]);
  }

  private operations(): Record<OperationName, Op> {
    return {
      planActivity: () => this.planActivity(),
      openActivity: () => this.openActivity(),
      recordFeedback: () => this.recordFeedback(),
      recordFinding: () => this.recordFinding(),
      amendFinding: () => this.amendFinding(),
      withdrawFinding: () => this.withdrawFinding(),
      redactFeedback: () => this.redactFeedback(),
      closeActivity: () => this.closeActivity(),
      giveFeedbackToParticipants: () => this.giveFeedbackToParticipants(),
      cancelActivity: () => this.cancelActivity(),
      rescheduleActivity: () => this.rescheduleActivity(),
      publishDocument: () => this.publishDocument(),
      amendActivityDetails: () => this.amendActivityDetails(),
      recordDecision: () => this.recordDecision(),
      linkInfluence: () => this.linkInfluence(),
      withdrawInfluenceLink: () => this.withdrawInfluenceLink(),
      amendDecision: () => this.amendDecision(),
      planAction: () => this.planAction(),
      changeActionStatus: () => this.changeActionStatus(),
      noteActionProgress: () => this.noteActionProgress(),
      retimeAction: () => this.retimeAction(),
      reassignAction: () => this.reassignAction(),
      reopenAction: () => this.reopenAction(),
      adoptPlan: () => this.adoptPlan(),
      addObjective: () => this.addObjective(),
      amendObjective: () => this.amendObjective(),
      addOutcomeIndicator: () => this.addOutcomeIndicator(),
      openHealthCheckCycle: () => this.openHealthCheckCycle(),
      submitHealthCheck: () => this.submitHealthCheck(),
      recordVoiceEvaluation: () => this.recordVoiceEvaluation(),
      defineArea: () => this.defineArea(),
      defineCommunity: () => this.defineCommunity(),
      renameOrganisation: () => this.renameOrganisation(),
    };
  }

  /** Appends, in order, until exactly the requested number of events has been made. */
  *appends(): Generator<GeneratedAppend> {
    for (const append of this.bootstrap()) {
      if (this.remaining < 0) throw new Error('generator overshot its budget');
      yield append;
    }
    while (this.remaining > 0) yield this.step();
  }

  // ---- time, ids, appends ----------------------------------------------------------

  private get today(): string {
    return new Date(this.clock).toISOString().slice(0, 10);
  }

  private tick(): void {
    this.clock += Math.floor(this.random.next() * 2 * this.meanStepMs);
  }

  private id(kind: string): string {
    return `${this.tag}-${kind}-${(++this.counter).toString(36)}`;
  }

  /** Record events on a stream as `organisationId`'s officer (null: the administrator). */
  private append(stream: Stream, organisationId: string | null, events: LedgerEvent[]): GeneratedAppend {
    const expectedRevision: ExpectedRevision = stream.revision < 0 ? 'no_stream' : stream.revision;
    stream.revision += events.length;
    this.remaining -= events.length;
    const at = new Date(this.clock).toISOString();
    const metadata = {
      actor: organisationId === null ? 'generator-admin' : `generator-officer@${organisationId}`,
      organisation: organisationId,
      recordedAt: at,
      occurredAt: at,
      correlationId: this.newId(this.clock),
      causationId: null,
    };
    return {
      streamId: stream.streamId,
      expectedRevision,
      events: events.map((e) => ({ id: this.newId(this.clock), type: e.type, version: currentVersion(e.type), data: e.data, metadata })),
    };
  }

  private step(): GeneratedAppend {
    this.tick();
    for (let tries = 0; tries < 30; tries++) {
      const op = this.ops[this.random.weighted(this.weights)] as Op;
      const append = op();
      if (append) return append;
    }
    return this.renameOrganisation();
  }

  // ---- the partnership's reference data and first plans ---------------------------------

  private *bootstrap(): Generator<GeneratedAppend> {
    for (let i = 0; i < this.organisationCount && this.remaining > 0; i++) yield this.registerOrganisation();
    const areaCount = clamp(10 + Math.floor(this.remaining / 20_000), 10, 100);
    for (let i = 0; i < areaCount && this.remaining > 0; i++) yield this.defineArea();
    const communityCount = clamp(8 + Math.floor(this.remaining / 50_000), 8, 40);
    for (let i = 0; i < communityCount && this.remaining > 0; i++) yield this.defineCommunity();
    if (this.remaining > 0) yield this.openHealthCheckCycle(true) as GeneratedAppend;
    for (const organisation of [...this.organisations]) {
      if (this.remaining <= 0) return;
      const plan = this.adoptPlan(organisation);
      yield plan;
      for (let i = 0; i < 3 && this.remaining > 0; i++) yield this.addObjective(this.plans.at(-1)) as GeneratedAppend;
      if (this.remaining > 0) yield this.addOutcomeIndicator(this.plans.at(-1)) as GeneratedAppend;
    }
  }

  private registerOrganisation(): GeneratedAppend {
    const id = this.id('org');
    const organisation: Organisation = { id, streamId: organisationStream(id), revision: -1 };
    this.organisations.push(organisation);
    const kind = this.random.pick(organisationKinds);
    return this.append(organisation, null, [event('OrganisationRegistered', { organisationId: id, name: `${this.text.place()} ${kind.replace(/_/g, ' ')}`, kind })]);
  }

  private renameOrganisation(): GeneratedAppend {
    const organisation = this.random.pick(this.organisations);
    return this.append(organisation, null, [
      event('OrganisationRenamed', { organisationId: organisation.id, name: `${this.text.place()} partnership`, reason: 'Renamed after a restructure.' }),
    ]);
  }

  private defineArea(): GeneratedAppend {
    const id = this.id('area');
    const parent = this.areas.length > 0 && this.random.chance(0.5) ? this.random.pick(this.areas) : undefined;
    this.areas.push(id);
    return this.append({ streamId: areaStream(id), revision: -1 }, null, [
      event('AreaDefined', {
        areaId: id,
        name: `${this.text.place()} ${this.random.pick(['North', 'South', 'East', 'West', 'Central'])}`,
        kind: parent ? this.random.pick(['ward', 'neighbourhood', 'locality'] as const) : 'district',
        ...(parent ? { parentAreaId: parent } : {}),
      }),
    ]);
  }

  private defineCommunity(): GeneratedAppend {
    const id = this.id('coi');
    this.communities.push(id);
    const characteristic = this.random.pick([undefined, 'age', 'disability', 'race', 'religion_belief', 'sex', 'sexual_orientation'] as const);
    return this.append({ streamId: communityStream(id), revision: -1 }, null, [
      event('CommunityOfInterestDefined', {
        communityId: id,
        name: this.random.pick(['Young people', 'Tenants', 'Carers', 'Older residents', 'Local businesses', 'Disabled people', 'New residents']),
        ...(characteristic ? { protectedCharacteristic: characteristic } : {}),
        hardToReach: this.random.chance(0.3),
      }),
    ]);
  }

  private otherOrganisations(organisationId: string, count: number): string[] {
    return this.random.sample(
      this.organisations.map((o) => o.id).filter((id) => id !== organisationId),
      count,
    );
  }

  // ---- plans ------------------------------------------------------------------------

  private adoptPlan(organisation = this.random.pick(this.organisations)): GeneratedAppend {
    const id = this.id('plan');
    const plan: PlanRecord = { id, organisationId: organisation.id, streamId: planStream(id), revision: -1, objectives: [], indicators: 0 };
    this.plans.push(plan);
    return this.append(plan, organisation.id, [
      event('PlanAdopted', {
        planId: id,
        organisationId: organisation.id,
        title: this.text.title(),
        kind: this.random.pick(['strategy', 'action_plan', 'implementation_plan', 'improvement_plan'] as const),
        ...maybe(this.random.chance(0.5), 'adoptedBy', () => this.random.pick(['Cabinet', 'Partnership Board', 'Community Safety Board'])),
        adoptedOn: this.today,
        ...maybe(this.random.chance(0.7), 'period', () => ({ from: this.today, to: addDays(this.today, 1_095) })),
        partnerIds: this.random.chance(0.3) ? this.otherOrganisations(organisation.id, this.random.int(1, 2)) : [],
      }),
    ]);
  }

  private addObjective(plan = this.plans.length > 0 ? this.random.pick(this.plans) : undefined): GeneratedAppend | undefined {
    if (!plan || plan.objectives.length >= 12) return undefined;
    const objectiveId = this.id('obj');
    plan.objectives.push(objectiveId);
    return this.append(plan, plan.organisationId, [
      event('ObjectiveAdded', {
        planId: plan.id,
        objectiveId,
        code: String(plan.objectives.length),
        title: this.text.sentence(),
        ...maybe(this.random.chance(0.5), 'description', () => this.text.paragraph()),
      }),
    ]);
  }

  private amendObjective(): GeneratedAppend | undefined {
    const plan = this.random.pick(this.plans.length > 0 ? this.plans : [undefined]);
    if (!plan || plan.objectives.length === 0) return undefined;
    return this.append(plan, plan.organisationId, [
      event('ObjectiveAmended', { planId: plan.id, objectiveId: this.random.pick(plan.objectives), title: this.text.sentence(), reason: 'Reworded after the annual review.' }),
    ]);
  }

  private addOutcomeIndicator(plan = this.plans.length > 0 ? this.random.pick(this.plans) : undefined): GeneratedAppend | undefined {
    if (!plan || plan.objectives.length === 0) return undefined;
    const objective = this.random.int(0, plan.objectives.length - 1);
    plan.indicators++;
    return this.append(plan, plan.organisationId, [
      event('OutcomeIndicatorAdded', {
        planId: plan.id,
        objectiveId: plan.objectives[objective] as string,
        indicatorId: this.id('ind'),
        code: `${objective + 1}.${plan.indicators}`,
        text: this.text.sentence(),
      }),
    ]);
  }

  private plansOf(organisationId: string): PlanRecord[] {
    return this.plans.filter((p) => p.organisationId === organisationId);
  }

  // ---- activities, feedback, findings ---------------------------------------------------

  private window(): { opens: string; closes: string } {
    const opens = addDays(this.today, this.random.int(0, 14));
    return { opens, closes: addDays(opens, this.random.int(7, 60)) };
  }

  private activityWith(test: (a: ActivityRecord) => boolean): ActivityRecord | undefined {
    // A few random tries, then a scan: cheap when many qualify, exact when few do.
    for (let i = 0; i < 4 && this.activities.length > 0; i++) {
      const candidate = this.random.pick(this.activities);
      if (test(candidate)) return candidate;
    }
    const all = this.activities.filter(test);
    return all.length > 0 ? this.random.pick(all) : undefined;
  }

  /** Finished activities leave the window; those that opened stay citable by decisions. */
  private retire(activity: ActivityRecord): void {
    this.activities = this.activities.filter((a) => a !== activity);
    if (activity.openedOn === null) return;
    const liveFindings = [...activity.findings].filter(([, withdrawn]) => !withdrawn).map(([id]) => id);
    this.citable.push({ id: activity.id, openedOn: activity.openedOn, liveFindings });
    if (this.citable.length > MAX_CITABLE) this.citable = this.citable.slice(-MAX_CITABLE);
  }

  private planActivity(): GeneratedAppend | undefined {
    const live = this.activities.filter((a) => a.status === 'planned' || a.status === 'open').length;
    if (live >= this.maxLiveActivities) return undefined;
    const organisation = this.random.pick(this.organisations);
    const id = this.id('act');
    const plan = this.random.chance(0.6) ? this.random.pick([undefined, ...this.plansOf(organisation.id)]) : undefined;
    const activity: ActivityRecord = {
      id,
      organisationId: organisation.id,
      streamId: activityStream(id),
      revision: -1,
      status: 'planned',
      topics: this.random.sample(['transport', 'housing', 'safety', 'health', 'environment', 'youth', 'budget', 'leisure'], this.random.int(1, 3)),
      areaIds: this.random.sample(this.areas, this.random.int(0, 2)),
      communityIds: this.random.sample(this.communities, this.random.int(0, 2)),
      jointPartnerIds: this.random.chance(0.2) ? this.otherOrganisations(organisation.id, 1) : [],
      openedOn: null,
      feedbackIds: [],
      feedbackCount: 0,
      findings: new Map(),
    };
    this.activities.push(activity);
    return this.append(activity, organisation.id, [
      event('ActivityPlanned', {
        activityId: id,
        organisationId: organisation.id,
        title: this.text.title(),
        category: this.random.pick(engagementCategories),
        method: this.random.pick(activityMethods),
        ...maybe(this.random.chance(0.5), 'description', () => this.text.paragraph()),
        topics: [...activity.topics],
        areaIds: [...activity.areaIds],
        communityIds: [...activity.communityIds],
        jointPartnerIds: [...activity.jointPartnerIds],
        ...(plan ? { planId: plan.id, ...maybe(plan.objectives.length > 0, 'objectiveId', () => this.random.pick(plan.objectives)) } : {}),
        window: this.window(),
        documents: this.random.chance(0.3) ? [this.document(id)] : [],
      }),
    ]);
  }

  private document(activityId: string): EventData<'ActivityDocumentPublished'>['document'] {
    return {
      title: `${this.random.pick(['Consultation paper', 'Summary leaflet', 'Easy read version', 'Draft plan'])}`,
      ...maybe(this.random.chance(0.7), 'url', () => `https://example.org/engagement/${activityId}/${this.random.int(1, 999)}.pdf`),
      publishedOn: this.today,
    };
  }

  private openActivity(): GeneratedAppend | undefined {
    const activity = this.activityWith((a) => a.status === 'planned');
    if (!activity) return undefined;
    activity.status = 'open';
    activity.openedOn = this.today;
    return this.append(activity, activity.organisationId, [event('ActivityOpened', { activityId: activity.id, openedOn: this.today })]);
  }

  private feedbackBatchSize(): number {
    const r = this.random.next();
    const size = r < 0.6 ? this.random.int(1, 5) : r < 0.95 ? this.random.int(6, 20) : this.random.int(21, 80);
    return Math.min(size, this.remaining);
  }

  private recordFeedback(): GeneratedAppend | undefined {
    const activity = this.activityWith((a) => a.status === 'open');
    if (!activity) return undefined;
    const responses: LedgerEvent[] = [];
    for (let i = this.feedbackBatchSize(); i > 0; i--) {
      const feedbackId = this.id('fb');
      if (activity.feedbackIds.length < MAX_FEEDBACK_SAMPLE) activity.feedbackIds.push(feedbackId);
      const kind = this.random.pick([...feedbackKinds, 'response', 'response', 'response', 'comment'] as const);
      const text = this.text.paragraph();
      const respondents = this.random.chance(0.1) ? this.random.int(2, 12) : 1;
      const respondent = this.random.chance(0.3)
        ? { subjectId: this.id('person'), postcode: `TS${this.random.int(1, 29)} ${this.random.int(1, 9)}${this.random.pick(['AB', 'XY', 'QT', 'LN'])}` }
        : undefined;
      responses.push(
        event('FeedbackReceived', {
          activityId: activity.id,
          feedbackId,
          kind,
          receivedOn: this.today,
          // Personal data is sealed, as the API seals it, with a published test key (src/privacy/generated.ts).
          ...(respondent ? sealGeneratedResponse(activity.id, feedbackId, text, respondent) : { text }),
          respondents,
          ...maybe(this.areas.length > 0 && this.random.chance(0.5), 'areaId', () => this.random.pick(this.areas)),
          communityIds: this.random.chance(0.2) ? this.random.sample(this.communities, 1) : [],
        }),
      );
    }
    activity.feedbackCount += responses.length;
    return this.append(activity, activity.organisationId, responses);
  }

  private liveFindings(activity: ActivityRecord): string[] {
    return [...activity.findings].filter(([, withdrawn]) => !withdrawn).map(([id]) => id);
  }

  private recordFinding(): GeneratedAppend | undefined {
    const activity = this.activityWith((a) => a.openedOn !== null && a.feedbackCount > 0);
    if (!activity) return undefined;
    const findingId = this.id('finding');
    activity.findings.set(findingId, false);
    return this.append(activity, activity.organisationId, [
      event('FindingRecorded', {
        activityId: activity.id,
        findingId,
        theme: this.text.subject(),
        summary: this.text.paragraph(),
        feedbackIds: this.random.sample(activity.feedbackIds, this.random.int(0, 5)),
      }),
    ]);
  }

  private amendFinding(): GeneratedAppend | undefined {
    const activity = this.activityWith((a) => this.liveFindings(a).length > 0);
    if (!activity) return undefined;
    return this.append(activity, activity.organisationId, [
      event('FindingAmended', {
        activityId: activity.id,
        findingId: this.random.pick(this.liveFindings(activity)),
        summary: this.text.paragraph(),
        ...maybe(this.random.chance(0.3), 'feedbackIds', () => this.random.sample(activity.feedbackIds, this.random.int(1, 5))),
        reason: 'Summary corrected after review.',
      }),
    ]);
  }

  private withdrawFinding(): GeneratedAppend | undefined {
    const activity = this.activityWith((a) => this.liveFindings(a).length > 0);
    if (!activity) return undefined;
    const findingId = this.random.pick(this.liveFindings(activity));
    activity.findings.set(findingId, true);
    return this.append(activity, activity.organisationId, [
      event('FindingWithdrawn', { activityId: activity.id, findingId, reason: 'Recorded against the wrong activity.' }),
    ]);
  }

  private redactFeedback(): GeneratedAppend | undefined {
    const activity = this.activityWith((a) => a.feedbackIds.length > 0);
    if (!activity) return undefined;
    return this.append(activity, activity.organisationId, [
      event('FeedbackRedacted', {
        activityId: activity.id,
        feedbackId: this.random.pick(activity.feedbackIds),
        fields: this.random.pick([['respondent'], ['text'], ['text', 'respondent']] as Array<Array<'text' | 'respondent'>>),
        reason: 'Erasure request from the respondent.',
      }),
    ]);
  }

  private closeActivity(): GeneratedAppend | undefined {
    const activity = this.activityWith((a) => a.status === 'open');
    if (!activity) return undefined;
    activity.status = 'closed';
    // Some participants are never told the outcome: past a point, the oldest closed activity leaves untold.
    const closed = this.activities.filter((a) => a.status === 'closed');
    if (closed.length > this.maxLiveActivities) this.retire(closed[0] as ActivityRecord);
    return this.append(activity, activity.organisationId, [
      event('ActivityClosed', {
        activityId: activity.id,
        closedOn: this.today,
        ...maybe(this.random.chance(0.8), 'participants', () => activity.feedbackCount + this.random.int(0, 30)),
        ...maybe(this.random.chance(0.3), 'equalityMonitoring', () => ({
          age: { '16-24': this.random.int(0, 20), '25-64': this.random.int(0, 60), '65+': this.random.int(0, 30) },
        })),
      }),
    ]);
  }

  private giveFeedbackToParticipants(): GeneratedAppend | undefined {
    const activity = this.activityWith((a) => a.status === 'closed');
    if (!activity) return undefined;
    this.retire(activity);
    return this.append(activity, activity.organisationId, [
      event('FeedbackGivenToParticipants', {
        activityId: activity.id,
        givenOn: this.today,
        channel: this.random.pick(['letter', 'email', 'website', 'meeting', 'newsletter', 'social_media', 'report'] as const),
        summary: `You said: ${this.text.sentence()} We did: ${this.text.sentence()}`,
        decisionIds: this.decisions.length > 0 && this.random.chance(0.4) ? [this.random.pick(this.decisions).id] : [],
      }),
    ]);
  }

  private cancelActivity(): GeneratedAppend | undefined {
    const activity = this.activityWith((a) => a.status === 'planned' || a.status === 'open');
    if (!activity) return undefined;
    activity.status = 'cancelled';
    this.retire(activity);
    return this.append(activity, activity.organisationId, [
      event('ActivityCancelled', { activityId: activity.id, cancelledOn: this.today, reason: 'The venue was no longer available.' }),
    ]);
  }

  private rescheduleActivity(): GeneratedAppend | undefined {
    const activity = this.activityWith((a) => a.status === 'planned' || a.status === 'open');
    if (!activity) return undefined;
    return this.append(activity, activity.organisationId, [
      event('ActivityRescheduled', { activityId: activity.id, window: this.window(), reason: 'Moved to avoid the school holidays.' }),
    ]);
  }

  private publishDocument(): GeneratedAppend | undefined {
    const activity = this.activityWith(() => true);
    if (!activity) return undefined;
    return this.append(activity, activity.organisationId, [event('ActivityDocumentPublished', { activityId: activity.id, document: this.document(activity.id) })]);
  }

  private amendActivityDetails(): GeneratedAppend | undefined {
    const activity = this.activityWith(() => true);
    if (!activity) return undefined;
    // The command's schema fills absent list fields of `changes` with [] (zod's partial keeps
    // defaults), so a correction restates the lists as they are rather than emptying them.
    return this.append(activity, activity.organisationId, [
      event('ActivityDetailsAmended', {
        activityId: activity.id,
        changes: {
          title: this.text.title(),
          topics: [...activity.topics],
          areaIds: [...activity.areaIds],
          communityIds: [...activity.communityIds],
          jointPartnerIds: [...activity.jointPartnerIds],
        },
        reason: 'Title corrected.',
      }),
    ]);
  }

  // ---- decisions and influence --------------------------------------------------------

  private recordDecision(): GeneratedAppend | undefined {
    const organisation = this.random.pick(this.organisations);
    const id = this.id('dec');
    const decision: DecisionRecord = { id, organisationId: organisation.id, streamId: decisionStream(id), revision: -1, decidedOn: this.today, links: new Map() };
    this.decisions.push(decision);
    if (this.decisions.length > MAX_DECISIONS) this.decisions.shift();
    return this.append(decision, organisation.id, [
      event('DecisionRecorded', {
        decisionId: id,
        organisationId: organisation.id,
        body: this.random.pick(['Cabinet', 'Partnership Board', 'Area Committee', 'Health and Wellbeing Board']),
        decidedOn: this.today,
        ...maybe(this.random.chance(0.6), 'reference', () => `${this.tag.toUpperCase()}/${this.today.slice(2, 4)}/${this.counter}`),
        title: this.text.title(),
        outcome: this.text.paragraph(),
        // Not drawn at random, so the generator's sequence (and every ledger it has made) stays as it was.
        outcomeKind: 'approved',
      }),
    ]);
  }

  /** A source the decision may cite: an activity that opened before it was decided, or a live finding of one. */
  private citableSource(decision: DecisionRecord): InfluenceSource | undefined {
    const live = this.activities.filter((a) => a.openedOn !== null).map((a) => ({ id: a.id, openedOn: a.openedOn as string, liveFindings: this.liveFindings(a) }));
    const candidates = this.random.sample([...live, ...this.citable], 8);
    for (const activity of candidates) {
      if (!(activity.openedOn < decision.decidedOn)) continue;
      const source: InfluenceSource =
        activity.liveFindings.length > 0 && this.random.chance(0.6)
          ? { kind: 'finding', activityId: activity.id, findingId: this.random.pick(activity.liveFindings) }
          : { kind: 'activity', activityId: activity.id };
      if (![...decision.links.values()].includes(sourceKey(source))) return source;
    }
    return undefined;
  }

  private linkInfluence(): GeneratedAppend | undefined {
    if (this.decisions.length === 0) return undefined;
    const decision = this.random.pick(this.decisions);
    const source = this.citableSource(decision);
    if (!source) return undefined;
    const linkId = this.id('link');
    decision.links.set(linkId, sourceKey(source));
    const influence = this.random.pick([...influenceKinds, 'changed', 'confirmed'] as const);
    return this.append(decision, decision.organisationId, [
      event('InfluenceLinked', {
        decisionId: decision.id,
        linkId,
        source,
        influence,
        rationale: this.text.paragraph(),
        ...maybe(influence === 'not_adopted', 'notAdoptedReason', () => 'Outside the council’s powers; passed to the relevant partner.'),
      }),
    ]);
  }

  private withdrawInfluenceLink(): GeneratedAppend | undefined {
    const decision = this.decisions.find((d) => d.links.size > 0 && this.random.chance(0.5)) ?? this.decisions.find((d) => d.links.size > 0);
    if (!decision) return undefined;
    const linkId = this.random.pick([...decision.links.keys()]);
    decision.links.delete(linkId);
    return this.append(decision, decision.organisationId, [
      event('InfluenceLinkWithdrawn', { decisionId: decision.id, linkId, reason: 'Linked in error.' }),
    ]);
  }

  private amendDecision(): GeneratedAppend | undefined {
    if (this.decisions.length === 0) return undefined;
    const decision = this.random.pick(this.decisions);
    return this.append(decision, decision.organisationId, [
      event('DecisionAmended', { decisionId: decision.id, outcome: this.text.paragraph(), reason: 'Minutes corrected at the next meeting.' }),
    ]);
  }

  // ---- actions ------------------------------------------------------------------------

  private actionWith(test: (a: ActionRecord) => boolean): ActionRecord | undefined {
    const all = this.actions.filter(test);
    return all.length > 0 ? this.random.pick(all) : undefined;
  }

  private static isClosed(status: ActionStatus): status is 'completed' | 'withdrawn' {
    return status === 'completed' || status === 'withdrawn';
  }

  private planAction(): GeneratedAppend | undefined {
    if (this.actions.length >= this.maxActions) {
      const closed = this.actions.findIndex((a) => LedgerWorld.isClosed(a.status));
      if (closed < 0) return undefined;
      this.actions.splice(closed, 1);
    }
    const plan = this.plans.length > 0 ? this.random.pick(this.plans) : undefined;
    if (!plan) return undefined;
    const id = this.id('action');
    const action: ActionRecord = { id, organisationId: plan.organisationId, streamId: actionStream(id), revision: -1, status: 'planned' };
    this.actions.push(action);
    const dated = this.random.chance(0.7);
    return this.append(action, plan.organisationId, [
      event('ActionPlanned', {
        actionId: id,
        organisationId: plan.organisationId,
        planId: plan.id,
        ...maybe(plan.objectives.length > 0, 'objectiveId', () => this.random.pick(plan.objectives)),
        what: this.text.sentence(),
        lead: `${this.text.place()} ${this.random.pick(['Community Development Team', 'Neighbourhood Team', 'Youth Service', 'Housing Team'])}`,
        leadOrganisationIds: this.random.chance(0.3) ? this.otherOrganisations(plan.organisationId, 1) : [],
        ...maybe(dated, 'targetDate', () => addDays(this.today, this.random.int(30, 365))),
        ...maybe(!dated || this.random.chance(0.2), 'timescale', () => this.random.pick(['Ongoing', 'By the end of the year', 'Quarterly'])),
        ...maybe(this.random.chance(0.5), 'how', () => this.text.sentence()),
        ...maybe(this.random.chance(0.5), 'measure', () => this.text.sentence()),
        ...maybe(this.random.chance(0.2), 'implications', () => ({ cost: 'Within existing budgets.' })),
        ...maybe(this.random.chance(0.4), 'expectedOutcome', () => this.text.sentence()),
      }),
    ]);
  }

  private changeActionStatus(): GeneratedAppend | undefined {
    const action = this.actionWith((a) => actionTransitions[a.status].length > 0);
    if (!action) return undefined;
    const from = action.status;
    const to = this.random.pick(actionTransitions[from]);
    action.status = to;
    return this.append(action, action.organisationId, [
      event('ActionStatusChanged', { actionId: action.id, from, to, ...maybe(this.random.chance(0.5), 'reason', () => this.text.sentence()) }),
    ]);
  }

  private noteActionProgress(): GeneratedAppend | undefined {
    const action = this.actionWith((a) => !LedgerWorld.isClosed(a.status));
    if (!action) return undefined;
    return this.append(action, action.organisationId, [event('ActionProgressNoted', { actionId: action.id, notedOn: this.today, note: this.text.paragraph() })]);
  }

  private retimeAction(): GeneratedAppend | undefined {
    const action = this.actionWith((a) => !LedgerWorld.isClosed(a.status));
    if (!action) return undefined;
    return this.append(action, action.organisationId, [
      event('ActionRetimed', {
        actionId: action.id,
        ...(this.random.chance(0.8) ? { targetDate: addDays(this.today, this.random.int(30, 365)) } : { timescale: 'Ongoing' }),
        reason: 'Timescale amended to reflect current progress.',
      }),
    ]);
  }

  private reassignAction(): GeneratedAppend | undefined {
    const action = this.actionWith((a) => !LedgerWorld.isClosed(a.status));
    if (!action) return undefined;
    return this.append(action, action.organisationId, [
      event('ActionReassigned', {
        actionId: action.id,
        lead: `${this.text.place()} Partnership Team`,
        leadOrganisationIds: this.random.chance(0.3) ? this.otherOrganisations(action.organisationId, 1) : [],
        reason: 'The team was restructured.',
      }),
    ]);
  }

  private reopenAction(): GeneratedAppend | undefined {
    const action = this.actionWith((a) => LedgerWorld.isClosed(a.status));
    if (!action) return undefined;
    const from = action.status as 'completed' | 'withdrawn';
    action.status = 'in_progress';
    return this.append(action, action.organisationId, [event('ActionReopened', { actionId: action.id, from, reason: 'More work was needed.' })]);
  }

  // ---- health checks and VOiCE --------------------------------------------------------

  private openHealthCheckCycle(first = false): GeneratedAppend | undefined {
    if (!first && (!this.cycle || addDays(this.cycle.openedOn, 180) > this.today)) return undefined;
    const id = this.id('cycle');
    // Only the newest cycle takes submissions here, so older ones are let go.
    this.cycle = { id, streamId: healthCheckCycleStream(id), revision: -1, openedOn: this.today, submissions: new Map() };
    return this.append(this.cycle, null, [
      event('HealthCheckCycleOpened', { cycleId: id, name: `Engagement health check ${this.today.slice(0, 4)}`, opensOn: this.today, dueBy: addDays(this.today, 90) }),
    ]);
  }

  private submitHealthCheck(): GeneratedAppend | undefined {
    const cycle = this.cycle;
    if (!cycle) return undefined;
    const organisation = this.random.pick(this.organisations);
    let stream = cycle.submissions.get(organisation.id);
    if (!stream) {
      stream = { streamId: healthCheckStream(cycle.id, organisation.id), revision: -1, current: null };
      cycle.submissions.set(organisation.id, stream);
    }
    const supersedes = stream.current;
    const submissionId = this.id('hc');
    stream.current = submissionId;
    const own = this.citable.filter(() => this.random.chance(0.02)).slice(0, 2);
    const score = () => this.random.int(1, 4);
    return this.append(stream, organisation.id, [
      event('HealthCheckSubmitted', {
        cycleId: cycle.id,
        organisationId: organisation.id,
        submissionId,
        submittedOn: this.today,
        ...(supersedes ? { supersedes } : {}),
        assessments: engagementCategories.map((category) => ({
          category,
          examples: this.random.chance(0.5) ? own.map((a) => ({ activityId: a.id })) : [{ description: this.text.sentence() }],
          scores: {
            planning: score(),
            partnership: score(),
            breadth: score(),
            ...(category === 'information_giving' ? {} : { depth: score() }),
            taking_action: score(),
          },
        })),
      }),
    ]);
  }

  private recordVoiceEvaluation(): GeneratedAppend | undefined {
    const organisation = this.random.pick(this.organisations);
    const plan = this.random.pick([undefined, ...this.plansOf(organisation.id)]);
    const id = this.id('voice');
    const score = () => this.random.int(1, 6);
    return this.append({ streamId: voiceStream(id), revision: -1 }, organisation.id, [
      event('VoiceEvaluationRecorded', {
        evaluationId: id,
        organisationId: organisation.id,
        evaluatedOn: this.today,
        ...(plan ? { planId: plan.id } : {}),
        principles: voicePrinciples.map((principle) => ({ principle, score: score(), ...maybe(this.random.chance(0.3), 'comment', () => this.text.sentence()) })),
        outcomes: Array.from({ length: this.random.int(0, 3) }, () => ({
          outcome: this.text.sentence(),
          ...maybe(this.random.chance(0.5), 'evidence', () => this.text.sentence()),
          score: score(),
        })),
        overall: score(),
        ...maybe(this.random.chance(0.5), 'lessons', () => this.text.paragraph()),
        ...maybe(this.random.chance(0.5), 'nextSteps', () => this.text.paragraph()),
      }),
    ]);
  }
}
