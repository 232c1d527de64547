// A read the read service refuses: the reader's mistake (a filter, a page request, a cursor),
// never the ledger's. `code` is stable: faces answer it as a 400 (404 for an unknown view).

export interface FieldIssue {
  /** The filter or page field, e.g. "from", "limit", "cursor". */
  field: string;
  message: string;
}

export class ReadRefused extends Error {
  constructor(
    readonly code: 'VALIDATION_FAILED' | 'PERIOD_TOO_LONG' | 'CURSOR_INVALID' | 'CURSOR_STALE' | 'VIEW_NOT_FOUND',
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ReadRefused';
  }
}

/** One message naming every field at fault, as the API's validation errors read. */
export function invalidFields(issues: FieldIssue[]): ReadRefused {
  return new ReadRefused('VALIDATION_FAILED', `invalid request: ${issues.map((i) => `querystring.${i.field} ${i.message}`).join('; ')}`, issues);
}
