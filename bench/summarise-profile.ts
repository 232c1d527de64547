// Where a CPU profile's time goes: self time by module and by function, and the inclusive time
// of the ledger's own functions (what a request's stages cost, callees included), as markdown.
//   node dist/bench/summarise-profile.js FILE.cpuprofile [top] [--last SECONDS]
// --last keeps the profile's last seconds only: the load, without start-up and preparation.

import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<package>, node:<builtin>, src/<folder>, or what the engine calls it. */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith('node:')) return url;
  const own = /\/dist\/(src\/[^/]+|bench)/.exec(url);
  return own ? (own[1] as string) : url;
}

const args = process.argv.slice(2);
const last = args.includes('--last') ? Number(args.splice(args.indexOf('--last'), 2)[1]) : undefined;
const [file, topArg] = args;
if (!file) throw new Error('usage: summarise-profile FILE.cpuprofile [top] [--last SECONDS]');
const top = Number(topArg ?? 12);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
/** A function by name and where it is: src/… for the ledger's own, the package otherwise. */
const nameOf = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  const own = /\/dist\/((?:src|bench)\/.*)$/.exec(url)?.[1];
  return `${functionName || '(anonymous)'} ${url ? `${own ?? moduleOf(url, functionName)}:${lineNumber + 1}` : ''}`.trim();
};
const byFunction = new Map<string, number>();
const byModule = new Map<string, number>();
const inclusive = new Map<string, number>();
// Sample times: the deltas run back from the end.
const times: number[] = [];
profile.timeDeltas.reduceRight((t, dt, i) => ((times[i] = t), t - dt), profile.endTime);
const from = last === undefined ? -Infinity : profile.endTime - last * 1e6;
let total = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const dt = profile.timeDeltas[i] ?? 0;
  if (!node || (times[i] ?? 0) < from) return;
  const { functionName, url } = node.callFrame;
  const where = moduleOf(url, functionName);
  byFunction.set(nameOf(node), (byFunction.get(nameOf(node)) ?? 0) + dt);
  byModule.set(where, (byModule.get(where) ?? 0) + dt);
  total += dt;
  const seen = new Set<string>();
  for (let at: ProfileNode | undefined = node; at; at = byId.get(parentOf.get(at.id) ?? -1)) {
    if (!at.callFrame.url.includes('/dist/src/')) continue;
    const name = nameOf(at);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
  }
});

function rows(title: string, totals: Map<string, number>, what = 'self ms'): string {
  const sorted = [...totals].sort((a, b) => b[1] - a[1]).slice(0, top);
  const lines = sorted.map(([name, us]) => `| ${name.replace(/\|/g, '\\|')} | ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)} % |`);
  return [`| ${title} | ${what} | share |`, '|---|---:|---:|', ...lines].join('\n');
}

process.stdout.write(
  `Total sampled: ${(total / 1000).toFixed(0)} ms\n\n${rows('Module', byModule)}\n\n${rows('Function', byFunction)}\n\n${rows('Own function (callees included)', inclusive, 'total ms')}\n`,
);
