// The ledger's front door for writes: any command, by type, parsed with its
// aggregate's schema and handed to the command handler.

import { aggregateFor } from '../domain/aggregates/index.js';
import type { Command } from '../domain/aggregate.js';
import { recordSource } from '../domain/source.js';
import type { CommandHandler, CommandOptions, CommandResult } from './command-handler.js';

export interface CommandIssue {
  path: string[];
  message: string;
}

/** The command is malformed (a client mistake, HTTP 400), as opposed to refused by a rule (DomainError, 422). */
export class InvalidCommand extends Error {
  constructor(
    message: string,
    readonly issues: CommandIssue[],
  ) {
    super(message);
    this.name = 'InvalidCommand';
  }
}

export interface LedgerOptions {
  /** Told after each append, e.g. so the embedded projection runner looks at once. */
  onAppended?(result: CommandResult): void;
}

export class Ledger {
  constructor(
    private readonly handler: CommandHandler,
    private readonly options: LedgerOptions = {},
  ) {}

  /** Execute a command given as plain data (from JSON). Invalid data is refused before anything is read. */
  async execute(command: Command, options: CommandOptions): Promise<CommandResult> {
    return this.executeAll([command], options);
  }

  /**
   * Execute several commands for one stream (a decision and its influence links) as one: each
   * decided on the state the ones before it leave, then all their events appended together, or
   * none when any is invalid or refused. Commands for several streams are refused.
   */
  async executeAll(commands: readonly Command[], options: CommandOptions): Promise<CommandResult> {
    const [aggregate, parsed] = this.parseAll(commands);
    const result = await this.handler.handleAll(aggregate, parsed, withSource(options));
    if (result.events.length > 0) this.options.onAppended?.(result);
    return result;
  }

  /** Decide a command without recording it: what `execute` would refuse, it refuses the same way; otherwise the events it would record. */
  async check(command: Command, options: CommandOptions): Promise<CommandResult['events']> {
    const [aggregate, [parsed]] = this.parseAll([command]);
    return this.handler.check(aggregate, parsed as Command, withSource(options));
  }

  private parseAll(commands: readonly Command[]): [NonNullable<ReturnType<typeof aggregateFor>>, Command[]] {
    const aggregate = commands[0] && aggregateFor(commands[0].type);
    const parsed = commands.map((command, index) => {
      const own = aggregateFor(command.type);
      if (!own) throw new InvalidCommand(`there is no command ${command.type}`, [{ path: ['type'], message: 'unknown command type' }]);
      if (own !== aggregate) throw new InvalidCommand(`${command.type} is not for the same record as ${commands[0]?.type}`, [{ path: [String(index), 'type'], message: 'another aggregate' }]);
      const result = own.commandSchema.safeParse(command);
      if (!result.success) {
        const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
        throw new InvalidCommand(`${command.type} is not valid`, issues);
      }
      return result.data;
    });
    if (!aggregate) throw new InvalidCommand('no command given', []);
    return [aggregate, parsed];
  }
}

/** The options with their `source` checked: a malformed source is the client's mistake, like a malformed command. */
function withSource(options: CommandOptions): CommandOptions {
  if (options.source === undefined) return options;
  const source = recordSource.safeParse(options.source);
  if (!source.success) {
    const issues = source.error.issues.map((issue) => ({ path: ['source', ...issue.path.map(String)], message: issue.message }));
    throw new InvalidCommand('the source is not valid', issues);
  }
  return { ...options, source: source.data };
}
