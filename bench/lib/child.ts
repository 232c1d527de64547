// Heavy measurements run in a child process each, on built code, so one measurement's
// heap, JIT state and open files do not colour the next, and its peak memory is its own.
// A child gets its input as JSON in argv[2] and prints its result as JSON on its last line.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const childrenDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'children');

export interface ChildOutcome<R> {
  result: R;
  /** Peak resident memory of the child, MB (process.resourceUsage().maxRSS). */
  maxRssMb: number;
}

export type OnProgress = (done: number, total: number) => void;

/** Run dist/bench/children/<name>.js with `input`; rejects with its stderr when it fails. */
export function runChild<I, R>(name: string, input: I, onProgress?: OnProgress): Promise<ChildOutcome<R>> {
  return runScript(join(childrenDir, `${name}.js`), input, onProgress);
}

const PROGRESS = /^progress (\d+) (\d+)$/;

/** Run any script that follows the child protocol (the Emmett peer lives outside dist/). */
export function runScript<I, R>(script: string, input: I, onProgress?: OnProgress): Promise<ChildOutcome<R>> {
  const name = script;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        const match = PROGRESS.exec(line.trim());
        if (match) onProgress?.(Number(match[1]), Number(match[2]));
        else if (line.trim()) stderr = (stderr + line + '\n').slice(-20_000);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`bench child ${name} exited with ${code}: ${stderr.trim().slice(-2000)}`));
      try {
        resolve(JSON.parse(last) as ChildOutcome<R>);
      } catch {
        reject(new Error(`bench child ${name} printed no result: ${stdout.slice(-500)} ${stderr.slice(-1000)}`));
      }
    });
  });
}

/** In a child: read the input, run, print the result with the peak RSS. */
export async function childMain<I, R>(run: (input: I) => Promise<R>): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as I;
  const result = await run(input);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`\n${JSON.stringify({ result, maxRssMb })}\n`);
}

/** In a child: report progress to the parent (on stderr), at most about 50 times a run. */
export function reportProgress(): OnProgress {
  let last = 0;
  return (done, total) => {
    if (done === total || done - last >= total / 50) {
      last = done;
      process.stderr.write(`progress ${done} ${total}\n`);
    }
  };
}

/** Peak resident memory of a running process we started, MB, from /proc (VmHWM); NaN where there is no /proc. */
export function peakRssMb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
