// Reading an action's status from its progress note, as a reader of the plan would.
// Shared by the CSV importer and the demo's seed modules.

import type { ActionStatus } from '../domain/events/action.js';

/** What a progress note can tell: on_hold is a decision, not something a note implies. */
export type ProgressStatus = Exclude<ActionStatus, 'on_hold'>;

export interface ProgressReading {
  status: ProgressStatus;
  /** Why it was withdrawn, in the note's words. */
  reason?: string;
}

/**
 * Halton: "Greyed-out actions are no longer part of the strategy", said in words. "Replaced by" is
 * not among them: "This has been replaced by the Community Practitioners Forum" says what became
 * of the Network, not that the action was dropped (the same note still talks of training), and the
 * grey shading that marks a withdrawn row is not in the text.
 */
const withdrawn = /no longer part of the (?:strategy|plan)|greyed[\s-]?out|\bwithdrawn\b|no longer (?:required|needed)/i;
/** The note opens by saying it is done: "Completed", "Completed but still need to share with specific groups". */
const completed = /^\s*(?:completed?|achieved)\b/i;
/** The note reports work done or under way on it. */
const underWay = /\b(?:on[\s-]?going|under\s?way|in progress|begun|started|now done|updated|revised|decision reached|was a joint)\b/i;
const notYet = /\bnot (?:yet )?(?:started|begun|under\s?way)\b/i;

const sentences = (text: string): string[] => text.split(/(?<=[.!?])\s+/).map((s) => s.trim()).filter(Boolean);

/**
 * Only a status the note states: "Completed" -> completed; "Greyed out: no longer part of the
 * strategy" -> withdrawn, with the sentence that says so as the reason; "On going", "Toolkit
 * updated and revised" -> in_progress; anything else ("This will be monitored via annual health
 * checks", "This has been replaced by the Community Practitioners Forum...") -> planned, which
 * records no status change at all.
 */
export function statusFromProgress(progress: string | undefined): ProgressReading {
  const note = (progress ?? '').replace(/\s+/g, ' ').trim();
  if (withdrawn.test(note)) {
    const said = sentences(note).find((s) => withdrawn.test(s)) ?? note;
    return { status: 'withdrawn', reason: /no longer part of the/i.test(said) ? said : `No longer part of the strategy: ${said}` };
  }
  if (completed.test(note)) return { status: 'completed' };
  if (underWay.test(note) && !notYet.test(note)) return { status: 'in_progress' };
  return { status: 'planned' };
}
