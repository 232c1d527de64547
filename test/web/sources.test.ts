// "Recorded from: ...": where an event's metadata names the document its command was recorded
// from, the trace-events page says so beside the event; presentation only, read defensively.

import { Eta } from 'eta';
import { describe, expect, it } from 'vitest';
import { recordedFrom } from '../../src/web/pages/sources.js';
import { templatesDir } from '../../src/web/paths.js';

const source = { title: 'Halton Safer PPB report, 12 March 2013', section: 'Appendix A', quote: 'Partners agreed to <consult> once.', url: 'https://example.org/ppb.pdf' };

describe('recorded from', () => {
  it('names the document, where in it, the passage quoted, and a web link', () => {
    expect(recordedFrom({ type: 'ActivityPlanned', source })).toEqual({
      document: 'Halton Safer PPB report, 12 March 2013, Appendix A',
      quote: 'Partners agreed to <consult> once.',
      url: 'https://example.org/ppb.pdf',
    });
  });

  it('says nothing for an event recorded without a source, or with one it cannot read', () => {
    expect(recordedFrom({ type: 'ActivityPlanned' })).toBeNull();
    expect(recordedFrom({ source: 'a string' })).toBeNull();
    expect(recordedFrom({ source: { quote: 'no title' } })).toBeNull();
    expect(recordedFrom(null)).toBeNull();
  });

  it('links only to http: and https: documents', () => {
    expect(recordedFrom({ source: { ...source, url: 'javascript:alert(1)' } })?.url).toBeNull();
    expect(recordedFrom({ source: { ...source, url: 'data:text/html,x' } })?.url).toBeNull();
    expect(recordedFrom({ source: { title: 'Minutes', file: 'minutes.pdf', quote: 'Agreed.' } })).toEqual({ document: 'Minutes', quote: 'Agreed.', url: null });
  });

  it('shows it beside the event on the trace-events page, escaped, and a dash where there is none', async () => {
    const eta = new Eta({ views: templatesDir, autoEscape: true });
    const event = (position: number, more: object) => ({ position, type: 'ActivityPlanned', version: 2, occurredAt: 't', recordedAt: 't', actor: 'officer', organisation: 'halton', hash: 'ab', ...more });
    const html = await eta.renderAsync('trace-events', {
      title: 'Events',
      back: '/pages/trace/activities/a',
      graph: { asOf: 2 },
      node: { kind: 'activity', entityId: 'a', events: [event(1, { source }), event(2, { source: { ...source, url: 'javascript:alert(1)' } }), event(3, {})] },
      label: (s: string) => s,
      recordedFrom,
      actor: null,
      navigation: [],
    });
    const rows = html.split('<tr>').slice(2);
    expect(rows[0]).toContain('recorded from: <a href="https://example.org/ppb.pdf">Halton Safer PPB report, 12 March 2013, Appendix A</a>: <q>Partners agreed to &lt;consult&gt; once.</q>');
    expect(rows[1]).toContain('recorded from: Halton Safer PPB report');
    expect(rows[1]).not.toContain('javascript:');
    expect(rows[2]).toContain('<td>—</td></tr>');
  });
});
