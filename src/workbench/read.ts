// The read models the desk shows, through the read service every face reads (src/read): a view by
// its name, its own filters, every page of the rows for the officer's organisation.

import type { Row } from '../projections/read-model-view.js';
import type { ReadService } from '../read/read-service.js';

export async function readAll(read: ReadService, view: string, query: Record<string, unknown>, today: string): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const page of await read.pages(view, query, { today })) rows.push(...page.rows);
  return rows;
}
