// A PostgreSQL server of the test's own, to stop and start again under load: initdb and
// pg_ctl into a temporary directory, listening on a free port on 127.0.0.1. The machine's
// server on 5432 serves other tests at the same time and is never touched. As root (CI),
// the server runs as the `postgres` user (initdb refuses root), through runuser.

import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { service } from './service.js';

/** The directory of the newest installed server's programs, or undefined. */
function binDir(): string | undefined {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const candidates = [
    ...(fromConfig.status === 0 ? [fromConfig.stdout.trim()] : []),
    ...(existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)).map((v) => `/usr/lib/postgresql/${v}/bin`) : []),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

const bin = binDir();
const asRoot = process.getuid?.() === 0;
const postgresUser = asRoot ? spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }) : undefined;

function missing(): string | undefined {
  if (!bin) return 'no initdb and pg_ctl (the postgresql server package) on this machine';
  if (postgresUser && postgresUser.status !== 0) return 'running as root, and there is no `postgres` user to run a server as';
  return undefined;
}

/** Tests that start a server of their own: `ownPostgres.describe(...)`. Required, as PostgreSQL is, by REQUIRE_POSTGRES=1. */
export const ownPostgres = service({
  name: 'a PostgreSQL server of the test’s own',
  requiredBy: 'REQUIRE_POSTGRES',
  missing: missing(),
  howToRun: 'install the postgresql package (initdb and pg_ctl under /usr/lib/postgresql/*/bin)',
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A server program, as the postgres user when we are root; not blocking the event loop (clients keep running). */
function run(program: string, args: string[]): Promise<void> {
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin as string, program), ...args]] : [join(bin as string, program), args];
  return new Promise((resolve, reject) => {
    execFile(command, argv, { encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${program} ${args.join(' ')} failed: ${stderr || stdout || error.message}`));
      else resolve();
    });
  });
}

export interface OwnPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  /** Stops the server (fast shutdown: sessions are ended) and waits until it is down. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  remove(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-own-postgres-'));
  if (asRoot) {
    const uid = Number(postgresUser?.stdout.trim());
    chownSync(dir, uid, uid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  // No fsync: this server's durability is not what the test is about, and it is fast to start.
  await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    async remove() {
      await stop().catch(() => undefined); // already down
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
