// `ledger serve`: the ledger on the configured store, over HTTP.

import { openLedgerApp } from '../app.js';
import { seedDemo } from '../demo/seeds.js';
import { loadDemo } from '../demo/load.js';
import { publicationDemo } from '../demo/publication.js';
import { configOrExit } from './environment.js';
import { progressBar } from './progress.js';

export interface ServeOptions {
  port?: string;
  host?: string;
  dataDir?: string;
  demo: boolean;
}

export async function serve(options: ServeOptions): Promise<void> {
  const config = configOrExit({ PORT: options.port, HOST: options.host, DATA_DIR: options.dataDir });
  // The server writes on a writer thread unless told otherwise: its event loop has requests to parse.
  const app = await openLedgerApp({ ...config, SQLITE_WRITER: config.SQLITE_WRITER ?? 'thread' });
  const log = app.server.log;
  if (app.adminTokenFile) log.info(`first start: an administrator token was written to ${app.adminTokenFile} (readable by you only)`);

  if (options.demo && (await app.store.readAll({ maxCount: 1 })).length === 0) {
    const bar = progressBar('Loading the demo ledger');
    const events = await loadDemo(app.ledger, seedDemo, (done, total) => bar.update(done, total));
    bar.stop();
    log.info(`loaded the demo ledger from the seed documents: ${events} events`);
    // Then what the demo publishes, and its open and upcoming consultations, dated from today.
    const published = await loadDemo(app.ledger, publicationDemo(new Date().toISOString().slice(0, 10)));
    log.info(`published the demo's public site: ${published} events (open http://${config.HOST}:${config.PORT}/)`);
  }

  const stop = async (signal: string) => {
    log.info(`${signal}: closing`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  const address = await app.server.listen({ port: config.PORT, host: config.HOST });
  log.info(`engagement-ledger (${config.STORE}) at ${address}; API documentation at ${address}/docs`);
}
