// Atom feeds (RFC 4287), written with the `feed` package: new consultations (most recently
// published first) and published outcomes (decisions, most recently published first). Each
// entry's id is its page's address, its updated time when it was published on the site.

import { Feed } from 'feed';
import type { Row } from '../../projections/read-model-view.js';

/** Plain text for an entry's html-typed title and summary: shown as written, never as markup. */
const plain = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface FeedOptions {
  title: string;
  subtitle: string;
  /** The feed's own address, and the page it is the feed of. */
  self: string;
  page: string;
  rights: string;
  url(path: string): string;
  /** The newest entry's time; the feed's `updated` (a feed with no entry: the read's time). */
  updated: Date;
}

export interface FeedEntry {
  row: Row;
  title: string;
  summary: string;
  published: string;
  author: string;
}

export function atomFeed(entries: readonly FeedEntry[], options: FeedOptions): string {
  const feed = new Feed({
    title: options.title,
    description: options.subtitle,
    id: options.self,
    link: options.page,
    feedLinks: { atom: options.self },
    updated: options.updated,
    copyright: options.rights,
    generator: 'engagement-ledger',
  });
  for (const entry of entries) {
    const link = options.url(String(entry.row.base_path));
    feed.addItem({
      title: plain(entry.title),
      id: link,
      link,
      date: new Date(entry.published),
      published: new Date(entry.published),
      description: plain(entry.summary),
      author: [{ name: entry.author }],
    });
  }
  return feed.atom1();
}
