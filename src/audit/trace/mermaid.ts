// A trace graph as Mermaid flowchart text, to paste into a report. Pure.
//
// Edges run the way evidence flows (engagement -> decision), so a decision's trace is drawn
// right to left and an activity's left to right: either way the root stands at the left.
// Withdrawn links, findings and actions are drawn dashed, with dotted edges, never left out.

import type { TraceGraph, TraceNode } from './graph.js';

/** Characters Mermaid would read as syntax inside a label, as its entity codes (`#quot;`, `#35;`). */
const ENTITY: Record<string, string> = {
  '#': '#35;',
  '"': '#quot;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '[': '#91;',
  ']': '#93;',
  '(': '#40;',
  ')': '#41;',
  '{': '#123;',
  '}': '#125;',
  '|': '#124;',
  '`': '#96;',
};

/** A label's text for a quoted Mermaid label: syntax characters as entity codes, lines joined with <br/>. */
export function escapeMermaidLabel(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        // Other control characters (a tab in a title) would break the line; a space reads the same.
        .replace(/[\u0000-\u001f\u007f]/g, ' ')
        .replace(/[#"&<>[\](){}|`]/g, (c) => ENTITY[c] as string),
    )
    .join('<br/>');
}

/**
 * Mermaid ids for the graph's nodes: letters, digits and "_" only, unique (a clash after
 * sanitising gets a numeric suffix). They start with the node kind, so never with a keyword
 * (`end`) nor with "o" or "x", which Mermaid would read as an edge ending.
 */
export function mermaidIds(nodes: readonly Pick<TraceNode, 'id'>[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const { id } of nodes) {
    const base = id.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'node';
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`;
    taken.add(candidate);
    ids.set(id, candidate);
  }
  return ids;
}

/** A shape per kind, so a printed graph reads at a glance. */
const SHAPE: Record<TraceNode['kind'], [string, string]> = {
  decision: ['{{', '}}'],
  influence_link: ['[', ']'],
  finding: ['[', ']'],
  feedback: ['[(', ')]'],
  activity: ['([', '])'],
  feedback_to_participants: ['>', ']'],
  action: ['[/', '/]'],
};

export function toMermaid(graph: TraceGraph): string {
  const ids = mermaidIds(graph.nodes);
  const idOf = (nodeId: string): string => ids.get(nodeId) as string;
  const withdrawn = new Set(graph.nodes.filter((n) => n.withdrawn !== null).map((n) => n.id));
  const comment = `${graph.direction === 'back' ? 'back from' : 'forward from'} ${graph.root}, as of log position ${graph.asOf}`;
  const lines = [
    `%% engagement-ledger trace ${escapeMermaidLabel(comment).replace(/<br\/>/g, ' ')}`,
    `flowchart ${graph.direction === 'back' ? 'RL' : 'LR'}`,
    ...graph.nodes.map((node) => {
      const [open, close] = SHAPE[node.kind];
      return `  ${idOf(node.id)}${open}"${escapeMermaidLabel(node.label)}"${close}`;
    }),
    ...graph.edges.map((edge) => {
      const arrow = withdrawn.has(edge.from) || withdrawn.has(edge.to) ? '-.->' : '-->';
      return `  ${idOf(edge.from)} ${arrow}|${edge.kind.replaceAll('_', ' ')}| ${idOf(edge.to)}`;
    }),
    '  classDef root stroke-width:3px',
    '  classDef withdrawn stroke-dasharray:5 5,color:#777',
    `  class ${idOf(graph.root)} root`,
  ];
  if (withdrawn.size > 0) lines.push(`  class ${[...withdrawn].map(idOf).join(',')} withdrawn`);
  return `${lines.join('\n')}\n`;
}
