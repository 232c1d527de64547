// An append as plain data, so it can be posted to the writer thread (writer-thread.ts): the
// closure the event-loop writer runs (commit.ts's AppendWork) cannot cross threads. Its events
// are prepared (serialised, checked) on the main thread; its receipt's answer, a function of the
// append's result, travels as a template with the result's numbers left out (answerTemplate).

import { InvalidAppend } from '../errors.js';
import type { AppendResult, ExpectedRevision, ReceiptRequest } from '../port.js';
import type { PreparedEvent } from '../prepare-events.js';
import type { ReceiptToKeep } from './receipts.js';

export interface AppendJob {
  streamId: string;
  events: readonly PreparedEvent[];
  expected: ExpectedRevision;
  receipt?: ReceiptTemplate;
}

/** A receipt whose answer is fixed but for the append's revision and position. */
export interface ReceiptTemplate {
  scope: string;
  key: string;
  requestHash: string;
  status: number;
  /** The answer's JSON cut where the result's numbers go: parts.length === slots.length + 1. */
  parts: string[];
  slots: (keyof AppendResult)[];
}

// Results no real append has (positions in the trillions), two sets of them: the answer is made
// with each (of other parities, too), and the template must remake the second exactly from the first.
const PROBE: AppendResult = { nextExpectedRevision: 3_141_592_653_589, position: 2_718_281_828_459 };
const CHECK: AppendResult = { nextExpectedRevision: 1_618_033_988_750, position: 1_414_213_562_374 };

/**
 * The receipt's answer as a template, or InvalidAppend when its answer uses the result in any
 * way other than quoting its numbers (the thread cannot call it, and must never keep an answer
 * other than the one the client is given).
 */
export function answerTemplate(request: ReceiptRequest): ReceiptTemplate {
  const probe = request.answer(PROBE);
  const check = request.answer(CHECK);
  const probeJson = JSON.stringify(probe.body);
  const slotOf = new Map<string, keyof AppendResult>([
    [String(PROBE.nextExpectedRevision), 'nextExpectedRevision'],
    [String(PROBE.position), 'position'],
  ]);
  const parts: string[] = [];
  const slots: (keyof AppendResult)[] = [];
  let from = 0;
  for (const match of probeJson.matchAll(/(?<![\d.])(\d+)(?![\d.eE])/g)) {
    const slot = slotOf.get(match[1] as string);
    if (!slot) continue;
    parts.push(probeJson.slice(from, match.index));
    slots.push(slot);
    from = match.index + match[0].length;
  }
  parts.push(probeJson.slice(from));
  const template: ReceiptTemplate = { scope: request.scope, key: request.key, requestHash: request.requestHash, status: probe.status, parts, slots };
  if (check.status !== probe.status || fillTemplate(template, CHECK) !== JSON.stringify(check.body)) {
    throw new InvalidAppend(`the answer kept for key ${request.key} depends on the append's result in a way a writer thread cannot remake`);
  }
  return template;
}

/** The answer's JSON for this result. */
export function fillTemplate(template: ReceiptTemplate, result: AppendResult): string {
  let json = template.parts[0] as string;
  template.slots.forEach((slot, i) => (json += String(result[slot]) + (template.parts[i + 1] as string)));
  return json;
}

/** The template as the receipt writeAppend keeps (receipts.ts). */
export function receiptFromTemplate(template: ReceiptTemplate): ReceiptToKeep {
  return {
    scope: template.scope,
    key: template.key,
    requestHash: template.requestHash,
    answerJson: (result) => ({ status: template.status, bodyJson: fillTemplate(template, result) }),
  };
}
