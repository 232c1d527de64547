// A node's presence on the database: one connection held open for the node's life, named
// `engagement-ledger node <id>` in pg_stat_activity. When the node dies (kill -9, a lost
// machine), the kernel closes its socket, its backend ends and the name is gone at once;
// other nodes read that to know a claim's holder cannot finish it. If the connection drops
// while the node lives (the server restarting), it reconnects after `retryMs`; meanwhile
// the node looks absent, which costs at most a retry run twice, which receipts make safe.

import pg from 'pg';

export const PRESENCE_PREFIX = 'engagement-ledger node ';

export class Presence {
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    readonly node: string,
    private readonly retryMs = 1_000,
  ) {}

  get applicationName(): string {
    return PRESENCE_PREFIX + this.node;
  }

  /** Connects (once; later calls wait for nothing). */
  start(): Promise<void> {
    if (this.closed || this.client || this.retry) return Promise.resolve();
    const client = new pg.Client({ connectionString: this.connectionString, application_name: this.applicationName, connectionTimeoutMillis: 10_000 });
    this.client = client;
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      client.end().catch(() => undefined);
      if (!this.closed) {
        this.retry = setTimeout(() => {
          this.retry = undefined;
          void this.start();
        }, this.retryMs);
        this.retry.unref();
      }
    };
    client.on('error', lost);
    client.on('end', lost);
    return client.connect().then(() => undefined, lost);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
