// Every word the public site shows comes from one messages file per language (messages/en-GB.json):
// Welsh or Gaelic is a file beside it and PUBLIC_LANGUAGE, not a change of code. `{name}` in a
// message is replaced by the value given; a key the file lacks is an error, never a blank.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messagesDir } from './paths.js';

export interface Messages {
  /** The language tag every page declares (`<html lang>`). */
  readonly lang: string;
  /** The message at a dotted key, with `{name}`s filled in. */
  t(key: string, values?: Record<string, string | number>): string;
  /** Whether the file has the key (for words that may be missing, such as a method added later). */
  has(key: string): boolean;
}

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Every dotted key of a messages tree: a translation must have all of the original's. */
export function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));
}

export function messagesFrom(tree: Tree): Messages {
  const lang = lookup(tree, 'lang');
  if (!lang) throw new Error('a messages file must give its language as "lang"');
  return {
    lang,
    has: (key) => lookup(tree, key) !== undefined,
    t(key, values = {}) {
      const text = lookup(tree, key);
      if (text === undefined) throw new Error(`the ${lang} messages have no "${key}"`);
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
    },
  };
}

export function readMessagesFile(language: string): Tree {
  return JSON.parse(readFileSync(join(messagesDir, `${language}.json`), 'utf8')) as Tree;
}

export function loadMessages(language: string): Messages {
  return messagesFrom(readMessagesFile(language));
}
