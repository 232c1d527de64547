// Every word of the public site comes from its messages file: every key the templates and pages
// name is in it, every value a page turns into words (statuses, methods, kinds, verdicts) too, and
// another language is another file with the same keys.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionStatuses } from '../../src/domain/events/action.js';
import { activityMethods } from '../../src/domain/events/activity.js';
import { decisionOutcomeKinds, influenceKinds } from '../../src/domain/events/decision.js';
import { consultationStatuses } from '../../src/projections/read-models/public/consultation-status.js';
import { keysOf, loadMessages, messagesFrom, readMessagesFile } from '../../src/public/messages.js';

const root = join(import.meta.dirname, '../../src/public');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
const messages = loadMessages('en-GB');

describe('the messages file', () => {
  it('has every key the templates and pages name', () => {
    const named = files(root)
      .filter((f) => /\.(eta|ts)$/.test(f))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.]*[\w])'/g)].map((m) => [f, m[1] as string] as const));
    expect(named.length).toBeGreaterThan(100);
    const missing = named.filter(([, key]) => !messages.has(key));
    expect(missing).toEqual([]);
  });

  it('has words for every value a page shows', () => {
    const words = [
      ...consultationStatuses.map((s) => `status.${s}`),
      ...activityMethods.map((m) => `words.method.${m}`),
      ...influenceKinds.map((k) => `words.influence.${k}`),
      ...decisionOutcomeKinds.map((k) => `words.outcomeKind.${k}`),
      ...actionStatuses.map((s) => `words.actionStatus.${s}`),
      ...['letter', 'email', 'website', 'meeting', 'newsletter', 'social_media', 'report', 'other'].map((c) => `words.channel.${c}`),
      ...['met', 'not_met', 'unknown', 'not_applicable'].map((v) => `verdict.${v}`),
      ...['window', 'windowUnknown', 'notice', 'noticeUnknown', 'not_applicable'].map((r) => `decision.timeRule.${r}`),
    ];
    expect(words.filter((key) => !messages.has(key))).toEqual([]);
  });

  it('fills in values, and refuses a key it does not have rather than showing nothing', () => {
    expect(messages.t('consultation.closedDaysAgo', { days: 12 })).toBe('Closed 12 days ago; outcome not yet published.');
    expect(() => messages.t('no.such.key')).toThrow(/no "no.such.key"/);
  });

  it('makes another language a file: the same keys, its own words and its own lang', () => {
    const english = readMessagesFile('en-GB');
    const welsh = JSON.parse(JSON.stringify(english).replace('"lang":"en-GB"', '"lang":"cy"').replace('"name":"Have your say"', '"name":"Dweud eich dweud"'));
    expect(keysOf(welsh)).toEqual(keysOf(english));
    const cy = messagesFrom(welsh);
    expect([cy.lang, cy.t('site.name')]).toEqual(['cy', 'Dweud eich dweud']);
    // Every messages file in the folder has every key of the English one.
    for (const file of readdirSync(join(root, 'messages'))) expect(keysOf(JSON.parse(readFileSync(join(root, 'messages', file), 'utf8')))).toEqual(expect.arrayContaining(keysOf(english)));
  });
});
