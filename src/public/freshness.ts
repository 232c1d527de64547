// Caching the public site safely: every answer names the read models' position it was read at,
// so its ETag comes from that position (with the address, the format, the language and the day,
// since "open" and "closed N days ago" change with the day) and its Last-Modified from when the
// event at that position was recorded (or the day's start, whichever is later). A client that
// revalidates with either gets 304 and no body; every answer may be kept a minute by any cache.

import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventStore } from '../store/port.js';

export const CACHE_CONTROL = 'public, max-age=60';

export interface Freshness {
  etag: string;
  lastModified: Date;
}

/** When the event at each position was recorded, kept for the latest positions asked (a position's time never changes). */
export class RecordedTimes {
  private readonly times = new Map<number, Date>();
  constructor(private readonly store: EventStore) {}

  async at(position: number): Promise<Date> {
    if (position <= 0) return new Date(0);
    const known = this.times.get(position);
    if (known) return known;
    const [event] = await this.store.readAll({ after: position - 1, maxCount: 1 });
    const time = event ? new Date(event.metadata.recordedAt) : new Date(0);
    if (this.times.size > 1_000) this.times.clear();
    this.times.set(position, time);
    return time;
  }
}

export async function freshnessOf(times: RecordedTimes, request: FastifyRequest, parts: { positions: readonly number[]; format: string; lang: string; today: string }): Promise<Freshness> {
  const position = Math.max(0, ...parts.positions);
  const digest = createHash('sha256').update(JSON.stringify([request.url, parts.format, parts.lang, parts.today, parts.positions])).digest('base64url').slice(0, 22);
  const recorded = await times.at(position);
  const dayStart = new Date(`${parts.today}T00:00:00Z`);
  const lastModified = new Date(Math.floor(Math.max(recorded.getTime(), dayStart.getTime()) / 1000) * 1000);
  return { etag: `W/"${position}-${digest}"`, lastModified };
}

/** Whether the client's copy is current: If-None-Match when sent (RFC 9110 §13.1.2), else If-Modified-Since. */
export function notModified(request: FastifyRequest, freshness: Freshness): boolean {
  const tags = request.headers['if-none-match'];
  if (tags !== undefined) {
    const weak = (tag: string) => tag.trim().replace(/^W\//, '');
    return tags === '*' || tags.split(',').some((tag) => weak(tag) === weak(freshness.etag));
  }
  const since = request.headers['if-modified-since'];
  if (since === undefined) return false;
  const date = Date.parse(since);
  return !Number.isNaN(date) && freshness.lastModified.getTime() <= date;
}

export function cacheHeaders(reply: FastifyReply, freshness: Freshness): FastifyReply {
  return reply.header('etag', freshness.etag).header('last-modified', freshness.lastModified.toUTCString()).header('cache-control', CACHE_CONTROL).header('vary', 'Accept');
}
