// A rule of the domain said no. `code` is stable: clients and tests match on it, never on the message.

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function rule(holds: boolean, code: string, message: string, details?: Record<string, unknown>): asserts holds {
  if (!holds) throw new DomainError(code, message, details);
}
