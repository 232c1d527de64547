// Old events are never rewritten: they are read through upcasters, one step
// (version n -> n+1) at a time, until they reach the catalogue's current version.

import { ActivityPlannedV1, FeedbackReceivedV1 } from './activity.js';
import { DecisionRecordedV1 } from './decision.js';

export type Upcaster = (data: unknown) => unknown;

export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcaster>();

  register(type: string, fromVersion: number, upcast: Upcaster): this {
    const key = `${type}@${fromVersion}`;
    if (this.steps.has(key)) throw new Error(`an upcaster for ${key} is already registered`);
    this.steps.set(key, upcast);
    return this;
  }

  /** Bring `data` written at `version` up to `toVersion`; throws if a step is missing. */
  upcast(type: string, version: number, toVersion: number, data: unknown): unknown {
    let current = data;
    for (let v = version; v < toVersion; v++) {
      const step = this.steps.get(`${type}@${v}`);
      if (!step) throw new Error(`no upcaster from ${type} v${v} to v${v + 1}`);
      current = step(current);
    }
    return current;
  }
}

export const upcasters = new UpcasterRegistry()
  .register('ActivityPlanned', 1, (data) => {
    // v1 named at most one area and had no published documents or joint partners.
    const { areaId, ...rest } = ActivityPlannedV1.parse(data);
    return { ...rest, areaIds: areaId ? [areaId] : [], documents: [], jointPartnerIds: [] };
  })
  // v3 added the plan action delivered; a v2 activity named none, as a v1 amendment changed none.
  .register('ActivityPlanned', 2, (data) => data)
  .register('ActivityDetailsAmended', 1, (data) => data)
  // v4 (v3 of amendments) added how to take part: an older event gave none, and reads as it is.
  .register('ActivityPlanned', 3, (data) => data)
  .register('ActivityDetailsAmended', 2, (data) => data)
  .register('FeedbackReceived', 1, (data) =>
    // v1 recorded text and respondent in clear, before personal data was sealed; v2 reads them as they were.
    FeedbackReceivedV1.parse(data),
  )
  // v1 had no outcome kind. Nothing in a v1 decision says whether it was approved, noted or only
  // recommended, so it reads as `not_stated`; an amendment may state it.
  .register('DecisionRecorded', 1, (data) => ({ ...DecisionRecordedV1.parse(data), outcomeKind: 'not_stated' }))
  // v1 amendments could not touch the outcome kind: they read unchanged.
  .register('DecisionAmended', 1, (data) => data)
  // v2 added the decision an action carries out; a v1 action named none.
  .register('ActionPlanned', 1, (data) => data)
  // v2 only added the `network` kind: every v1 registration reads as it is.
  .register('OrganisationRegistered', 1, (data) => data);
