// A progress bar for the long steps, drawn only when stdout is a terminal (CI logs and
// redirected runs get one line per step instead).

import { progressBar, type Progress } from '../../src/cli/progress.js';

export type { Progress };

export function step(label: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${label}\n`);
}

export function progress(label: string): Progress {
  if (!process.stdout.isTTY) return { update() {}, stop() {} };
  return progressBar(`  ${label}`, process.stdout);
}
