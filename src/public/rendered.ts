// Answers already made, kept while the read models stay where they were: a public page is the same
// for everyone on a day, so once made at a log position it is sent again as it is until the read
// models move on (any event they apply makes a new position, and so a new answer). Bounded in
// entries and bytes; the oldest go first.

export interface Rendered {
  /** The read models' position the answer was made at. */
  position: number;
  type: string;
  body: string;
  etag: string;
  lastModified: Date;
  link: string | null;
  cors: boolean;
}

export class RenderedAnswers {
  private readonly answers = new Map<string, Rendered>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 2_000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get(key: string, position: number): Rendered | undefined {
    const found = this.answers.get(key);
    if (!found) return undefined;
    if (found.position !== position) {
      this.remove(key, found);
      return undefined;
    }
    // Most recently used last.
    this.answers.delete(key);
    this.answers.set(key, found);
    return found;
  }

  set(key: string, rendered: Rendered): void {
    const old = this.answers.get(key);
    if (old) this.remove(key, old);
    this.answers.set(key, rendered);
    this.bytes += rendered.body.length;
    for (const [oldest, entry] of this.answers) {
      if (this.answers.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.remove(oldest, entry);
    }
  }

  private remove(key: string, entry: Rendered): void {
    this.answers.delete(key);
    this.bytes -= entry.body.length;
  }
}
