// Rules the two self-assessments share (Halton's health check, Inverclyde's VOiCE): scores on a
// fixed scale, and a fixed list of headings each answered once. Their commands type scores
// loosely so that these rules, not the parser, refuse a bad score with a stable code.

import type { z } from 'zod';
import { rule } from '../errors.js';

/** `scale` is the event's own score schema, so what the rule accepts is exactly what the event may hold. */
export function assertOnScale(scale: z.ZodNumber, score: number, code: string, details: Record<string, unknown>): void {
  rule(scale.safeParse(score).success, code, `a score is a whole number from ${scale.minValue} to ${scale.maxValue}`, { ...details, score });
}

/** Each of `all` exactly once: a missing heading leaves a gap in the grid, a repeated one leaves it ambiguous. */
export function assertEachOnce<T extends string>(given: readonly T[], all: readonly T[], code: string, heading: string): void {
  const missing = all.filter((item) => !given.includes(item));
  const repeated = [...new Set(given.filter((item, index) => given.indexOf(item) !== index))];
  rule(missing.length === 0 && repeated.length === 0, code, `give each ${heading} exactly once`, { missing, repeated });
}
