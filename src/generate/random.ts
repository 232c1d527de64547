// A small seeded PRNG (mulberry32), so a seed always gives the same ledger. Not for secrets.

export class Random {
  private state: number;

  constructor(seed: number) {
    // Spread the seed's bits (splitmix32's finaliser) so nearby seeds do not start alike.
    let s = (seed >>> 0) + 0x9e3779b9;
    s = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
    s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35);
    this.state = (s ^ (s >>> 16)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from nothing');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Up to `count` distinct items, in a random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const taken: T[] = [];
    while (taken.length < count && pool.length > 0) {
      const i = Math.floor(this.next() * pool.length);
      taken.push(pool[i] as T);
      pool[i] = pool[pool.length - 1] as T;
      pool.pop();
    }
    return taken;
  }

  /** An index chosen with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
}

const subjects = [
  'the play park',
  'street lighting',
  'bus services',
  'the community centre',
  'litter on the high street',
  'youth provision',
  'housing repairs',
  'the library opening hours',
  'road safety near the school',
  'green spaces',
  'anti-social behaviour',
  'the health centre',
  'recycling collections',
  'support for carers',
  'local jobs',
];
const opinions = [
  'should be improved',
  'works well for most people',
  'needs more funding',
  'is hard to get to without a car',
  'matters a great deal to older residents',
  'was not well publicised',
  'could be run with local groups',
  'has got worse this year',
  'is valued by families',
];
const nouns = ['review', 'strategy', 'plan', 'programme', 'consultation', 'forum', 'survey', 'partnership', 'audit', 'pilot'];
const places = ['Northfield', 'Riverside', 'Castle Ward', 'Eastgate', 'Hill Top', 'Westbrook', 'Old Town', 'Meadowbank', 'Southport Road', 'Kingsway'];

/** Plain, short sentences: realistic enough for read models, small enough for a million events. */
export class Text {
  constructor(private readonly random: Random) {}

  subject(): string {
    return this.random.pick(subjects);
  }

  place(): string {
    return this.random.pick(places);
  }

  title(): string {
    const subject = this.subject();
    return `${subject[0]?.toUpperCase()}${subject.slice(1)} ${this.random.pick(nouns)}, ${this.place()}`;
  }

  sentence(): string {
    const subject = this.subject();
    return `${subject[0]?.toUpperCase()}${subject.slice(1)} ${this.random.pick(opinions)}.`;
  }

  paragraph(sentences = this.random.int(1, 3)): string {
    return Array.from({ length: sentences }, () => this.sentence()).join(' ');
  }
}
