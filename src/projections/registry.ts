// Every read model the ledger maintains: their projections, for the runners, and their views, for the API.

import type { Projection } from './projection.js';
import type { ReadModelView } from './read-model-view.js';

interface ReadModel {
  projection: Projection<unknown>;
  views: readonly ReadModelView[];
}

export const readModels: readonly ReadModel[] = [];

export const allProjections: readonly Projection<unknown>[] = readModels.map((m) => m.projection);
export const allViews: readonly ReadModelView[] = readModels.flatMap((m) => m.views);
