// The read models the desk shows, read as the API and the scrutiny pages read them: a view's
// documents from the read side, its own filter schema, its pure run. (When the read service of
// issue 13 lands, this is where the workbench calls it instead.)

import type { Row } from '../projections/read-model-view.js';
import type { WorkbenchDeps } from './deps.js';

export async function readView(deps: Pick<WorkbenchDeps, 'readSide' | 'views'>, path: string, query: Record<string, unknown>, today: string): Promise<Row[]> {
  const view = deps.views.find((v) => v.path === path);
  if (!view) throw new Error(`no read-model view at ${path}`);
  const filters = view.filters.parse(query);
  const loaded = new Map<string, unknown[]>();
  for (const prefix of view.documents) loaded.set(prefix, (await deps.readSide.readModels.list(view.projection, prefix)).map(([, doc]) => doc));
  return view.run((prefix) => loaded.get(prefix) ?? [], filters, { today });
}
