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
    const aggregate = aggregateFor(command.type);
    if (!aggregate) throw new InvalidCommand(`there is no command ${command.type}`, [{ path: ['type'], message: 'unknown command type' }]);
    const parsed = aggregate.commandSchema.safeParse(command);
    const source = options.source === undefined ? undefined : recordSource.safeParse(options.source);
    if (!parsed.success || (source && !source.success)) {
      const issues = [
        ...(parsed.error?.issues ?? []).map((issue) => ({ path: issue.path.map(String), message: issue.message })),
        ...(source?.error?.issues ?? []).map((issue) => ({ path: ['source', ...issue.path.map(String)], message: issue.message })),
      ];
      throw new InvalidCommand(`${command.type} is not valid`, issues);
    }
    const result = await this.handler.handle(aggregate, parsed.data, { ...options, ...(source ? { source: source.data } : {}) });
    if (result.events.length > 0) this.options.onAppended?.(result);
    return result;
  }
}
