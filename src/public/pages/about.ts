// The pages about the site: the open-data card (fields, meaning, licence, how current) and the
// accessibility statement.

import type { FastifyInstance } from 'fastify';
import { PUBLIC_CACHE } from '../../http/public-cache.js';
import { keysOf, readMessagesFile } from '../messages.js';
import type { Site } from '../site.js';

export function aboutPages(app: FastifyInstance, site: Site): void {
  const { t } = site.messages;
  const fieldNames = keysOf(readMessagesFile(site.messages.lang)).filter((k) => k.startsWith('openData.fieldMeanings.')).map((k) => k.slice('openData.fieldMeanings.'.length));

  app.get('/open-data', { config: PUBLIC_CACHE, schema: { hide: true } }, async (request, reply) =>
    site.answer(
      request,
      reply,
      async () => {
        const states = await site.deps.read.states();
        const position = Math.min(...states.map((s) => s.position));
        const datasets = [
          { path: '/consultations', formats: ['json', 'csv'], also: ['/consultations.ics', '/feeds/consultations.atom'] },
          { path: '/consultations/{id}', formats: ['json', 'csv'], also: [] },
          { path: '/decisions', formats: ['json', 'csv'], also: ['/feeds/outcomes.atom'] },
          { path: '/decisions/{id}', formats: ['json', 'csv'], also: [] },
          { path: '/areas/{id}', formats: ['json', 'csv'], also: [] },
          { path: '/communities/{id}', formats: ['json', 'csv'], also: [] },
          { path: '/organisations/{id}', formats: ['json', 'csv'], also: [] },
        ];
        const fields = fieldNames.map((name) => ({ name, meaning: t(`openData.fieldMeanings.${name}`) }));
        const card = {
          licence: { name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
          as_of_ledger_position: position,
          suppression_threshold: site.deps.settings.suppressionThreshold,
          datasets,
          fields,
        };
        return { positions: [position], json: card, csv: fields, html: { template: 'open-data', title: t('openData.title'), current: 'open-data', data: card } };
      },
    ),
  );

  app.get('/accessibility', { config: PUBLIC_CACHE, schema: { hide: true } }, async (request, reply) =>
    site.answer(request, reply, async () => ({ positions: [], json: { contact: site.deps.contact ?? null }, html: { template: 'accessibility', title: t('accessibility.title'), current: 'accessibility', data: { contact: site.deps.contact ?? null } } }), ['html', 'json']),
  );
}
