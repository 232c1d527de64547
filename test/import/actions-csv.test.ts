import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { halton2013 } from '../../src/demo/halton-2013.js';
import { actionCommand } from '../../src/domain/aggregates/action.js';
import { importActionsCsv, type ImportActionsCsvOptions } from '../../src/import/actions-csv.js';

/** The day of the report to the Safer PPB that presents the Halton rows. */
const haltonReportedOn = '2013-03-12';
const fixture = readFileSync(new URL('../fixtures/halton-actions.csv', import.meta.url), 'utf8');

const options: ImportActionsCsvOptions = {
  planId: 'halton-ce-strategy-2011',
  reportedOn: haltonReportedOn,
  objectiveIds: {
    '1': 'halton-objective-1',
    '2': 'halton-objective-2',
    '3': 'halton-objective-3',
    'Innovative engagement': 'halton-objective-4',
  },
  organisationIds: { HBC: 'halton-borough-council', YOT: 'halton-yot' },
};

const header = 'objective,what,who,when,how,measure,progress';
const planned = (commands: ReturnType<typeof importActionsCsv>['commands']) => commands.flatMap((c) => (c.type === 'PlanAction' ? [c.data] : []));
const statuses = (commands: ReturnType<typeof importActionsCsv>['commands']) =>
  commands.flatMap((c) => (c.type === 'ChangeActionStatus' ? [[c.data.actionId, c.data.to]] : []));

describe('importing an action plan CSV', () => {
  it('reads real Halton rows into the commands that record them, with the status each progress note implies', () => {
    // when
    const { commands, problems } = importActionsCsv(fixture, options);

    // then
    expect(problems).toEqual([]);
    const actions = planned(commands);
    expect(actions.map((a) => [a.actionId, a.objectiveId, a.timescale, a.targetDate])).toEqual([
      ['halton-ce-strategy-2011-action-1', 'halton-objective-1', 'Continuous', undefined],
      ['halton-ce-strategy-2011-action-2', 'halton-objective-2', 'December 2011', '2011-12-31'],
      ['halton-ce-strategy-2011-action-3', 'halton-objective-2', 'April 2013', '2013-04-30'],
      ['halton-ce-strategy-2011-action-4', 'halton-objective-3', 'April 2012', '2012-04-30'],
      ['halton-ce-strategy-2011-action-5', 'halton-objective-4', 'December 2014', '2014-12-31'],
    ]);
    // The Network's row says it "has been replaced by the Community Practitioners Forum": what became of the Network, not a withdrawal.
    expect(statuses(commands)).toEqual([
      ['halton-ce-strategy-2011-action-1', 'in_progress'],
      ['halton-ce-strategy-2011-action-2', 'completed'],
      ['halton-ce-strategy-2011-action-5', 'in_progress'],
    ]);
    expect(actions[0]?.leadOrganisationIds).toEqual(['halton-borough-council']);
    expect(actions[2]?.leadOrganisationIds).toEqual([]);
    expect(actions[2]?.how).toBe('Hosted on partnership website,\nupdated by officers across the partnership');
    for (const command of commands) expect(actionCommand.safeParse(command).success).toBe(true);
  });

  it('notes progress on the report date before changing the status, so a closed action never takes a note; a note stating no status changes none', () => {
    const { commands } = importActionsCsv(fixture, options);
    const completed = commands.filter((c) => c.data.actionId === 'halton-ce-strategy-2011-action-2').map((c) => c.type);
    expect(completed).toEqual(['PlanAction', 'NoteActionProgress', 'ChangeActionStatus']);
    const network = commands.filter((c) => c.data.actionId === 'halton-ce-strategy-2011-action-4').map((c) => c.type);
    expect(network).toEqual(['PlanAction', 'NoteActionProgress']);
    const notes = commands.flatMap((c) => (c.type === 'NoteActionProgress' ? [c.data.notedOn] : []));
    expect(notes).toEqual(Array(5).fill(haltonReportedOn));
  });

  it('reads a row as the Halton seed module does: one reading of "when" and of the progress, shared', () => {
    // given the seed's own PlanAction for each imported row
    const seeded = halton2013.flatMap((s) => (s.command.type === 'PlanAction' ? [s.command.data as Record<string, unknown>] : []));
    const seededStatus = new Map(halton2013.flatMap((s) => (s.command.type === 'ChangeActionStatus' ? [[(s.command.data as { actionId: string }).actionId, (s.command.data as { to: string }).to]] : [])));

    // when
    const { commands } = importActionsCsv(fixture, options);

    // then
    const imported = planned(commands);
    const byId = new Map(imported.map((a) => [a.actionId, a]));
    for (const action of imported) {
      const seed = seeded.find((s) => s.what === action.what);
      expect(seed, action.what).toBeDefined();
      expect([action.timescale, action.targetDate, action.lead]).toEqual([seed?.timescale, seed?.targetDate, seed?.lead]);
      expect(action.objectiveId).toBe(seed?.objectiveId);
      // Both record a status only where the note states one (neither reads a withdrawal into "replaced by").
      const importedStatus = statuses(commands).find(([id]) => id === action.actionId)?.[1] ?? 'planned';
      expect(importedStatus, action.what).toBe(seededStatus.get(seed?.actionId as string) ?? 'planned');
    }
    expect(byId.size).toBe(5);
  });

  it('takes the header in any case, with or without question marks', () => {
    const csv = 'OBJECTIVE,What?,WHO,When?\n1,Support Councillors to play a leading role in community engagement,HBC Community Development,Continuous\n';
    const { commands, problems } = importActionsCsv(csv, options);
    expect(problems).toEqual([]);
    expect(planned(commands)).toMatchObject([{ what: 'Support Councillors to play a leading role in community engagement', timescale: 'Continuous' }]);
  });

  it('reports a row with no "what" as a problem on its line, and still imports the others', () => {
    // given a quoted field spanning two lines before the bad row
    const csv = [header, '1,"Continue to produce area profiles,\nand share them",HBC Research and Intelligence,Continuous,,,', '2,,HBC Marketing,April 2013,,,', '3,Promote the Consultation Finder,HBC Research & Intelligence,December 2013,,,'].join('\n');

    // when
    const { commands, problems } = importActionsCsv(csv, options);

    // then
    expect(problems).toEqual([{ line: 4, message: expect.stringContaining('no "what"') }]);
    expect(planned(commands).map((a) => a.what)).toEqual(['Continue to produce area profiles,\nand share them', 'Promote the Consultation Finder']);
  });

  it('reports an objective the plan does not have, and a row with no lead', () => {
    const csv = [header, '7,Something else,HBC,April 2013,,,', '1,Something led by nobody,,April 2013,,,'].join('\n');
    const { commands, problems } = importActionsCsv(csv, options);
    expect(commands).toEqual([]);
    expect(problems).toEqual([
      { line: 2, message: 'the objective "7" is not one of the plan\'s objectives' },
      { line: 3, message: expect.stringContaining('no "who"') },
    ]);
  });

  it('leaves the objective out when no objective ids are given', () => {
    const csv = [header, 'Citizen focused local decision making,Support Councillors,HBC,Continuous,,,'].join('\n');
    const { commands } = importActionsCsv(csv, { planId: 'some-plan', reportedOn: '2013-03-12' });
    expect(planned(commands)[0]?.objectiveId).toBeUndefined();
  });

  it('refuses a header without the what and who columns, or with columns it does not know', () => {
    expect(importActionsCsv('objective,action,lead\n1,x,y\n', options)).toEqual({
      commands: [],
      problems: [
        { line: 1, message: expect.stringContaining('unknown column "action"') },
        { line: 1, message: expect.stringContaining('unknown column "lead"') },
        { line: 1, message: 'the header has no "what" column' },
        { line: 1, message: 'the header has no "who" column' },
      ],
    });
    expect(importActionsCsv('', options).problems).toEqual([{ line: 1, message: 'the file has no header row' }]);
  });

  it('reports unreadable CSV as a problem instead of throwing', () => {
    const { commands, problems } = importActionsCsv(`${header}\n1,"an unclosed quote,HBC,April 2013\n`, options);
    expect(commands).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/not readable CSV/);
  });

  it('reports a value the schema refuses on the row’s line', () => {
    const csv = [header, `1,Something,${'HBC '.repeat(200)},April 2013,,,`].join('\n');
    const { commands, problems } = importActionsCsv(csv, options);
    expect(commands).toEqual([]);
    expect(problems).toEqual([{ line: 2, message: expect.stringMatching(/^PlanAction: lead: /) }]);
  });

  it('reports bad options as problems on line 0', () => {
    const { problems } = importActionsCsv(fixture, { planId: 'not a plan id', reportedOn: '12 March 2013' });
    expect(problems.map((p) => p.line)).toEqual([0, 0]);
  });

  it('keeps generated action ids within 64 characters for a long plan id', () => {
    const planId = 'p'.repeat(64);
    const { commands } = importActionsCsv(`${header}\n1,Something,HBC,,,,\n`, { planId, reportedOn: '2013-03-12' });
    const actionId = planned(commands)[0]?.actionId ?? '';
    expect(actionId).toHaveLength(64);
    expect(actionId).toMatch(/^p+-action-1$/);
  });
});
