// A progress bar for the long steps, drawn only when stdout is a terminal (CI logs and
// redirected runs get one line per step instead).

import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function step(label: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${label}\n`);
}

export function progress(label: string): Progress {
  if (!process.stdout.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar({ format: `  ${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`, hideCursor: true }, Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
