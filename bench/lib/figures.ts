// A figure of the report: what was measured, its value, and the target beside it.

export interface Figure {
  group: string;
  measure: string;
  value: string;
  /** e.g. "≥ 0.6"; empty when the issue sets none. */
  target: string;
  /** null: no target, or not measured. */
  met: boolean | null;
  note: string;
}

export function figure(group: string, measure: string, value: string, target = '', met: boolean | null = null, note = ''): Figure {
  return { group, measure, value, target, met, note };
}

export const perSec = (n: number): string => `${Math.round(n).toLocaleString('en-GB')} events/s`;
export const ms = (n: number): string => (n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(1)} ms`);
export const ratio = (n: number): string => `${n.toFixed(2)}×`;
export const mb = (n: number): string => `${Math.round(n)} MB`;
