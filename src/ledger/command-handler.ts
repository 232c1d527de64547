// The write path: load the stream, fold evolve, decide, append with the
// revision we read. Everything that touches the store is here, so the domain stays pure.

import type { Actor } from '../domain/actor.js';
import type { Aggregate, Command, StreamReader } from '../domain/aggregate.js';
import type { DecideContext } from '../domain/decider.js';
import type { RecordSource } from '../domain/source.js';
import { currentVersion, readEvent, validateEvent, type LedgerEvent } from '../domain/events/catalogue.js';
import { WrongExpectedRevision } from '../store/errors.js';
import { FoldedStates } from './folded-states.js';
import { ulidFactory } from './ids.js';
import { StreamTurns } from './stream-turns.js';
import type { AppendResult, EventMetadata, EventStore, NewEvent, Receipt, RecordedEvent } from '../store/port.js';

export interface CommandOptions {
  actor: Actor;
  /** The revision the caller last saw (If-Match). A mismatch is a conflict, never retried. */
  expectedRevision?: number;
  /** When it happened in the world, if earlier than now. */
  occurredAt?: string;
  correlationId?: string;
  causationId?: string | null;
  /** The document the command was recorded from; kept in the metadata of each event it records. */
  source?: RecordSource;
  /** The answer to keep with the append for a client's Idempotency-Key (EventStore.append's receipt). */
  receipt?: CommandReceipt;
}

/** A receipt whose answer is made from the command's result, inside the append's transaction. */
export interface CommandReceipt extends Omit<Receipt, 'status' | 'body'> {
  answer(result: CommandResult): Pick<Receipt, 'status' | 'body'>;
}

export interface CommandResult {
  streamId: string;
  /** Revision of the stream's last event after the append. */
  revision: number;
  /** Global log position of the last appended event: read models have caught up once they pass it. */
  position: number;
  events: NewEvent[];
}

export interface CommandHandlerDeps {
  store: EventStore;
  newId?: () => string;
  now?: () => Date;
  /** How often to re-decide when another writer appended between our read and our append. */
  maxAttempts?: number;
  /** How many streams' folded states to keep between commands (0: fold every stream from its start each time). Default 2,000. */
  foldedStates?: number;
}

export function toLedgerEvent(recorded: RecordedEvent): LedgerEvent {
  return readEvent(recorded.type, recorded.version, recorded.data);
}

export function streamReader(store: EventStore): StreamReader {
  return async (streamId, options) => (await store.readStream(streamId, options)).map(toLedgerEvent);
}

export class CommandHandler {
  private readonly store: EventStore;
  private readonly newId: () => string;
  private readonly now: () => Date;
  private readonly maxAttempts: number;
  private readonly read: StreamReader;
  private readonly folded: FoldedStates | undefined;
  private readonly turns = new StreamTurns();

  constructor(deps: CommandHandlerDeps) {
    this.store = deps.store;
    this.newId = deps.newId ?? ulidFactory();
    this.now = deps.now ?? (() => new Date());
    this.maxAttempts = deps.maxAttempts ?? 3;
    this.read = streamReader(deps.store);
    const capacity = deps.foldedStates ?? 2_000;
    this.folded = capacity > 0 ? new FoldedStates(capacity) : undefined;
  }

  async handle<C extends Command, S, Ctx extends DecideContext>(aggregate: Aggregate<C, S, Ctx>, command: C, options: CommandOptions): Promise<CommandResult> {
    return this.handleAll(aggregate, [command], options);
  }

  /**
   * Several commands for one stream, all or nothing: each is decided on the state the ones before
   * it leave (a decision, then its influence links), and their events are appended together,
   * once every command has been decided. A refusal of any appends none.
   */
  async handleAll<C extends Command, S, Ctx extends DecideContext>(aggregate: Aggregate<C, S, Ctx>, commands: readonly C[], options: CommandOptions): Promise<CommandResult> {
    const streamId = oneStream(aggregate, commands, options);
    return this.turns.take(streamId, () => this.decideAndAppend(aggregate, commands, options));
  }

  /** The events a command would record now, decided as `handle` decides them, without appending: a refusal throws the same. */
  async check<C extends Command, S, Ctx extends DecideContext>(aggregate: Aggregate<C, S, Ctx>, command: C, options: CommandOptions): Promise<NewEvent[]> {
    const { events } = await this.decideAll(aggregate, [command], options);
    return events;
  }

  private async decideAndAppend<C extends Command, S, Ctx extends DecideContext>(aggregate: Aggregate<C, S, Ctx>, commands: readonly C[], options: CommandOptions): Promise<CommandResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(aggregate, commands, options);
      } catch (error) {
        // Someone appended between our read and our append: decide again on the new state,
        // unless the caller pinned a revision, in which case the conflict is theirs to see.
        const retry = error instanceof WrongExpectedRevision && options.expectedRevision === undefined && attempt < this.maxAttempts;
        if (!retry) throw error;
      }
    }
  }

  /** Load the stream, then decide each command on the state the ones before it leave; nothing is appended. */
  private async decideAll<C extends Command, S, Ctx extends DecideContext>(
    aggregate: Aggregate<C, S, Ctx>,
    commands: readonly C[],
    options: CommandOptions,
  ): Promise<{ streamId: string; revision: number; events: NewEvent[] }> {
    const { actor } = options;
    const streamId = oneStream(aggregate, commands, options);
    const loaded = await this.load(aggregate, streamId);
    const { revision } = loaded;
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new WrongExpectedRevision(streamId, options.expectedRevision, revision);
    }

    let state = loaded.state;
    const decided: LedgerEvent[] = [];
    for (const command of commands) {
      // Aggregates without cross-stream rules declare no context builder: their context is just the actor.
      const context = aggregate.context ? await aggregate.context(command, actor, this.read, state) : ({ actor } as Ctx);
      const events = aggregate.decider.decide(command, state, context).map(validateEvent);
      for (const event of events) state = aggregate.decider.evolve(state, event);
      decided.push(...events);
    }

    const metadata = this.metadata(options);
    const events: NewEvent[] = decided.map((event) => ({ id: this.newId(), type: event.type, version: currentVersion(event.type), data: event.data, metadata }));
    return { streamId, revision, events };
  }

  private async attempt<C extends Command, S, Ctx extends DecideContext>(
    aggregate: Aggregate<C, S, Ctx>,
    commands: readonly C[],
    options: CommandOptions,
  ): Promise<CommandResult> {
    const { streamId, revision, events } = await this.decideAll(aggregate, commands, options);
    if (events.length === 0) return { streamId, revision, position: 0, events };
    const resultOf = (appended: AppendResult): CommandResult => ({ streamId, revision: appended.nextExpectedRevision, position: appended.position, events });
    const { receipt } = options;
    const result = await this.store.append(streamId, events, {
      expectedRevision: revision === -1 ? 'no_stream' : revision,
      ...(receipt ? { receipt: { scope: receipt.scope, key: receipt.key, requestHash: receipt.requestHash, answer: (appended) => receipt.answer(resultOf(appended)) } } : {}),
    });
    return resultOf(result);
  }

  /** The metadata every event of one command carries: who, for which organisation, when, and from which document. */
  private metadata({ actor, occurredAt, correlationId, causationId, source }: CommandOptions): EventMetadata {
    const recordedAt = this.now().toISOString();
    return {
      actor: actor.id,
      organisation: actor.organisationId,
      recordedAt,
      occurredAt: occurredAt ?? recordedAt,
      correlationId: correlationId ?? this.newId(),
      causationId: causationId ?? null,
      ...(source ? { source } : {}),
    };
  }

  /** The stream's current state and revision: a kept fold brought up to date with the events after it. */
  private async load<S>(aggregate: Aggregate<Command, S, DecideContext>, streamId: string): Promise<{ state: S; revision: number }> {
    const kept = this.folded?.get(streamId, aggregate.name);
    let state = kept ? (kept.state as S) : aggregate.decider.initialState;
    let revision = kept ? kept.revision : -1;
    const tail = await this.store.readStream(streamId, { fromRevision: revision + 1 });
    for (const recorded of tail) {
      state = aggregate.decider.evolve(state, toLedgerEvent(recorded));
      revision = recorded.revision;
    }
    if (tail.length > 0) this.folded?.set(streamId, { aggregate: aggregate.name, revision, state });
    return { state, revision };
  }
}

/** The one stream a group of commands goes to; commands for several streams cannot be appended together. */
function oneStream<C extends Command, S, Ctx extends DecideContext>(aggregate: Aggregate<C, S, Ctx>, commands: readonly C[], options: CommandOptions): string {
  const streams = new Set(commands.map((command) => aggregate.streamId(command, options.actor)));
  if (streams.size !== 1) throw new Error(`commands appended together must go to one stream; these go to ${streams.size}`);
  return [...streams][0] as string;
}
