// Which streams a trace must read beyond the one it starts from. Nothing in a decision's
// stream names the actions carrying it out, and nothing in an activity's names the decisions
// citing it, so these links are found in the log: the first trace of a process reads every
// InfluenceLinked and ActionPlanned event once (the store skips the other types), later ones
// only what was appended since. Memory: a few ids per link and per action.
//
// The links only say which streams to read: a trace reads those streams as of its own log
// position and keeps what they show then, so links found past that position change nothing.

import { readStoredEvent } from '../../domain/events/catalogue.js';
import type { EventStore } from '../../store/port.js';

/** Events per readAll page while catching up. */
export const TRACE_SCAN_PAGE = 1_000;

const LINKING_TYPES = ['InfluenceLinked', 'ActionPlanned'] as const;

export interface PlannedAction {
  actionId: string;
  objectiveId: string | null;
}

const add = <K, V>(map: Map<K, Set<V>>, key: K, value: V): void => {
  const set = map.get(key) ?? new Set<V>();
  map.set(key, set.add(value));
};

export class TraceLinks {
  /** The log position read up to. */
  private through = 0;
  private catchingUp: Promise<void> = Promise.resolve();
  private readonly decisionsCiting = new Map<string, Set<string>>();
  private readonly actionsOfPlan = new Map<string, PlannedAction[]>();
  private readonly actionsCarryingOut = new Map<string, Set<string>>();

  constructor(private readonly pageSize = TRACE_SCAN_PAGE) {}

  /** Read the linking events up to `asOf`, one caller at a time. */
  catchUp(store: EventStore, asOf: number): Promise<void> {
    // A failed read leaves `through` where it got to; the next caller carries on from there.
    this.catchingUp = this.catchingUp.catch(() => undefined).then(() => this.readUpTo(store, asOf));
    return this.catchingUp;
  }

  /** Decisions with an influence link citing the activity (withdrawn links too). */
  citing(activityId: string): ReadonlySet<string> {
    return this.decisionsCiting.get(activityId) ?? new Set();
  }

  /** Every action planned in the plan, with its objective. */
  ofPlan(planId: string): readonly PlannedAction[] {
    return this.actionsOfPlan.get(planId) ?? [];
  }

  /** Actions that name the decision as the one they carry out. */
  carryingOut(decisionId: string): ReadonlySet<string> {
    return this.actionsCarryingOut.get(decisionId) ?? new Set();
  }

  private async readUpTo(store: EventStore, asOf: number): Promise<void> {
    while (this.through < asOf) {
      const page = await store.readAll({ after: this.through, maxCount: this.pageSize, types: LINKING_TYPES });
      for (const recorded of page) {
        if (recorded.position > asOf) return;
        this.remember(readStoredEvent(recorded.type, recorded.version, recorded.data));
        this.through = recorded.position;
      }
      // A short page is the end of the log (of these types): everything up to asOf has been read.
      if (page.length < this.pageSize) {
        this.through = Math.max(this.through, asOf);
        return;
      }
    }
  }

  private remember(event: ReturnType<typeof readStoredEvent>): void {
    if (event.type === 'InfluenceLinked') add(this.decisionsCiting, event.data.source.activityId, event.data.decisionId);
    if (event.type === 'ActionPlanned') {
      const { actionId, planId, objectiveId, decisionId } = event.data;
      const ofPlan = this.actionsOfPlan.get(planId) ?? [];
      ofPlan.push({ actionId, objectiveId: objectiveId ?? null });
      this.actionsOfPlan.set(planId, ofPlan);
      if (decisionId) add(this.actionsCarryingOut, decisionId, actionId);
    }
  }
}

const byStore = new WeakMap<EventStore, TraceLinks>();

/** The links of one store, kept for the life of the process. */
export function traceLinksOf(store: EventStore): TraceLinks {
  const known = byStore.get(store) ?? new TraceLinks();
  byStore.set(store, known);
  return known;
}
