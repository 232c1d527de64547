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

/** Run dist/bench/children/<name>.js with `input`; rejects with its stderr when it fails. */
export function runChild<I, R>(name: string, input: I, env: NodeJS.ProcessEnv = {}): Promise<ChildOutcome<R>> {
  return runScript(join(childrenDir, `${name}.js`), input, env);
}

/** Run any script that follows the child protocol (the Emmett peer lives outside dist/). */
export function runScript<I, R>(script: string, input: I, env: NodeJS.ProcessEnv = {}): Promise<ChildOutcome<R>> {
  const name = script;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, JSON.stringify(input)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
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

/** Peak resident memory of a running process we started, MB, from /proc (VmHWM); NaN where there is no /proc. */
export function peakRssMb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
