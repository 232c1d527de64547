#!/usr/bin/env node
// `ledger`: the command line. Each subcommand says what it does with --help.

import { Command, InvalidArgumentError, Option } from 'commander';
import { checkpointCommand, exportBundleCommand, proveCommand, verify, verifyBundleCommand, verifyProofCommand } from './cli/audit.js';
import { backupCommand, restoreCommand } from './cli/backup.js';
import { importActions, importSeeds } from './cli/import.js';
import { rebuildProjections } from './cli/projections.js';
import { serve } from './cli/serve.js';
import { eraseCommand } from './cli/erase.js';
import { openapiCommand } from './cli/openapi.js';
import { createToken, listTokens, revokeToken } from './cli/token.js';
import { listIdentities, mapIdentityCommand, unmapIdentity } from './cli/identity.js';
import { worker } from './cli/worker.js';
import { roles } from './domain/actor.js';
import { DomainError } from './domain/errors.js';

const program = new Command('ledger')
  .description('engagement-ledger: an event-sourced ledger of community engagement')
  .showHelpAfterError()
  .option('--data-dir <dir>', 'where the ledger keeps its files (default: $DATA_DIR or ./data)');

const dataDir = (): string | undefined => program.opts<{ dataDir?: string }>().dataDir;

/** `--parallel N`: a whole number of worker threads, 1 to 64. */
function workerCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('a whole number of worker threads, 1 to 64');
  return n;
}

program
  .command('serve')
  .description('serve the HTTP API on the configured store (STORE, PORT, HOST... from the environment)')
  .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)')
  .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
  .option('--demo', 'on an empty ledger, first load the demo ledger built from the seed documents', false)
  .action((options: { port?: string; host?: string; demo: boolean }) => serve({ ...options, dataDir: dataDir() }));

const token = program.command('token').description('manage bearer tokens');
token
  .command('create')
  .description('issue a bearer token and print it once (only its hash is kept)')
  .addOption(new Option('--role <role>', 'what the holder may do').choices(roles).makeOptionMandatory())
  .option('--org <id>', 'the organisation an officer acts for (officers only)')
  .option('--label <text>', 'who holds it, for the credential list')
  .option('--expires <lifetime>', 'refuse it after this long: hours or days, e.g. 12h, 30d, 90d (at most 366d); default: until revoked')
  .action((options: { role: (typeof roles)[number]; org?: string; label?: string; expires?: string }) => createToken({ ...options, dataDir: dataDir() }));
token
  .command('list')
  .description('every credential: id, role, organisation, status, created, expires, last used (to the minute), label; never a token')
  .option('--json', 'one JSON object per line', false)
  .action((options: { json: boolean }) => listTokens({ ...options, dataDir: dataDir() }));
token
  .command('revoke')
  .description('refuse a credential’s token from now on (401 CREDENTIAL_REVOKED) and end the browser sessions it opened')
  .argument('<id>', 'the credential id (ledger token list)')
  .option('--reason <text>', 'why, for the credential list')
  .action((id: string, options: { reason?: string }) => revokeToken(id, { ...options, dataDir: dataDir() }));

const identity = program.command('identity').description('who may sign in with the identity provider (OIDC_ISSUER), and as what');
identity
  .command('map')
  .description('let an identity of the identity provider sign in as a role (and an officer for an organisation)')
  .option('--subject <sub>', 'its subject (`sub`) at the provider: stable, the better choice')
  .option('--email <address>', 'or its e-mail address, matched only when the provider says it is verified')
  .addOption(new Option('--role <role>', 'what the person may do').choices(roles).makeOptionMandatory())
  .option('--org <id>', 'the organisation an officer acts for (officers only)')
  .option('--issuer <url>', 'the provider’s issuer URL (default: $OIDC_ISSUER)')
  .option('--label <text>', 'who it is, for the list')
  .action((options: { subject?: string; email?: string; role: (typeof roles)[number]; org?: string; issuer?: string; label?: string }) =>
    mapIdentityCommand({ ...options, dataDir: dataDir() }),
  );
identity
  .command('list')
  .description('every mapped identity: how it is recognised, role, organisation, last sign-in')
  .option('--json', 'one JSON object per line', false)
  .action((options: { json: boolean }) => listIdentities({ ...options, dataDir: dataDir() }));
identity
  .command('unmap')
  .description('refuse an identity at its next sign-in and end the browser sessions it opened')
  .argument('<id>', 'the mapping id (ledger identity list)')
  .action((id: string) => unmapIdentity(id, { dataDir: dataDir() }));

const imports = program.command('import').description('record data through the domain, as officers would');
imports
  .command('seeds')
  .description('import the demo ledger built from the seed documents into a new ledger')
  .action(() => importSeeds({ dataDir: dataDir() }));
imports
  .command('actions')
  .description('import an action plan from a CSV with the columns of Halton’s: objective, what, who, when, how, measure, progress')
  .argument('<file>', 'the CSV file')
  .requiredOption('--plan <id>', 'the plan the actions belong to (it must exist)')
  .requiredOption('--org <id>', 'the organisation the plan belongs to')
  .option('--reported-on <date>', 'the date of the progress notes (YYYY-MM-DD)', new Date().toISOString().slice(0, 10))
  .action((file: string, options: { plan: string; org: string; reportedOn: string }) => importActions(file, { ...options, dataDir: dataDir() }));

program
  .command('worker')
  .description('run projections on BullMQ: a dispatcher follows the log and queues batches; workers apply them to read models in Redis (REDIS_URL)')
  .addOption(new Option('--role <role>', 'what this process runs').choices(['all', 'dispatcher', 'worker']).default('all'))
  .option('--concurrency <n>', 'batches each projection’s consumer applies at once in this process', (v) => Number.parseInt(v, 10))
  .option('--prefix <prefix>', 'key prefix in Redis, one per deployment sharing a Redis (default: ledger)')
  .action((options: { role: 'all' | 'dispatcher' | 'worker'; concurrency?: number; prefix?: string }) => worker({ ...options, dataDir: dataDir() }));

program
  .command('projections')
  .description('read models')
  .command('rebuild')
  .description('replay the log into a fresh copy of a read model (all, or NAME) and swap it in')
  .argument('[name]', 'one projection; default: all')
  .action((name: string | undefined) => rebuildProjections(name, { dataDir: dataDir() }));

program
  .command('verify')
  .description('recompute the hash chain from the first event and check the log against every signed checkpoint; exits 1 when broken')
  .option('--parallel [workers]', 'SQLite: check the log in ranges, a worker thread per core (or as many as given); the same checks and answers', workerCount)
  .action((options: { parallel?: true | number }) => verify({ dataDir: dataDir(), parallel: options.parallel }));

program
  .command('checkpoint')
  .description('sign the head of the log now (position, hash, time) and print the statement for an auditor to keep')
  .action(() => checkpointCommand({ dataDir: dataDir() }));

program
  .command('export')
  .description(
    'write an audit bundle: the events recorded between two dates, the chain link before them and a signed checkpoint; ' +
      'or (--decision) one decision’s trace, each event with its inclusion proof against a signed tree head',
  )
  .option('--from <date>', 'first day (YYYY-MM-DD, UTC) or ISO timestamp, inclusive, by recordedAt')
  .option('--to <date>', 'last day (YYYY-MM-DD, UTC) or ISO timestamp, inclusive')
  .option('--decision <id>', 'instead of dates: the decision whose trace (its events and the activities it cites) to bundle')
  .requiredOption('--out <file>', 'the bundle file to write')
  .action((options: { from?: string; to?: string; decision?: string; out: string }) => exportBundleCommand({ ...options, dataDir: dataDir() }));

program
  .command('verify-bundle')
  .description('check an audit bundle offline, with no data directory; exits 1 when it does not verify')
  .argument('<file>', 'the bundle file')
  .option('--public-key <key>', 'the ledger’s public key (GET /v1/integrity/public-key): a PEM file, or the raw key in base64')
  .action((file: string, options: { publicKey?: string }) => verifyBundleCommand(file, options));

program
  .command('prove')
  .description('print (or --out) a proof with the signed tree head and public key: an event is in the log (POSITION), or the log only grew (--from)')
  .argument('[position]', 'the event to prove (an RFC 6962 inclusion proof)')
  .option('--size <n>', 'the tree size to prove it in (default: the largest signed tree head that holds it, else the head)')
  .option('--from <m>', 'instead: a consistency proof from the tree of m events (a tree head you kept)')
  .option('--to <n>', 'with --from: to the tree of n events (default: the largest signed tree head, else the head)')
  .option('--out <file>', 'write the proof to this new file instead of stdout')
  .action((position: string | undefined, options: { size?: string; from?: string; to?: string; out?: string }) => proveCommand(position, { ...options, dataDir: dataDir() }));

program
  .command('verify-proof')
  .description('check a proof file from `ledger prove` offline, with no data directory; exits 1 when it does not verify')
  .argument('<file>', 'the proof file')
  .option('--public-key <key>', 'the ledger’s public key (GET /v1/integrity/public-key): a PEM file, or the raw key in base64')
  .option('--tree-head <file>', 'a signed tree head you kept, checked instead of the one in the file (the older one, for a consistency proof)')
  .action((file: string, options: { publicKey?: string; treeHead?: string }) => verifyProofCommand(file, options));

program
  .command('backup')
  .description('copy the ledger (log, credentials, signed checkpoints, signing key) into FILE while the server keeps writing (STORE=sqlite)')
  .argument('<file>', 'the backup file to write (never overwritten)')
  .action((file: string) => backupCommand(file, { dataDir: dataDir() }));

program
  .command('restore')
  .description('restore a backup into an empty DATA_DIR after verifying its chain and signed checkpoints; the read models are rebuilt at the next start')
  .argument('<file>', 'the backup file')
  .option('--force', 'replace the ledger already in DATA_DIR', false)
  .action((file: string, options: { force: boolean }) => restoreCommand(file, { ...options, dataDir: dataDir() }));

program
  .command('erase')
  .description('erase a data subject: record SubjectErased, then destroy their key, so their sealed personal data is unreadable everywhere (SECURITY.md)')
  .option('--subject <id>', 'the subject id returned when their feedback was recorded')
  .option('--reason <text>', 'why, for the record', 'Erasure request from the data subject.')
  .option('--reapply', 'after restoring keys.db from a backup: destroy again the key of every erasure the log records', false)
  .action((options: { subject?: string; reason: string; reapply: boolean }) => eraseCommand({ ...options, dataDir: dataDir() }));

program
  .command('openapi')
  .description('write the OpenAPI document the server serves (to generate a client, or lint it), without serving')
  .option('--out <file>', 'write it to FILE instead of standard output')
  .action((options: { out?: string }) => openapiCommand(options));

/** The command tree, for tests that check a command line (the image's, compose's) without running it. */
export { program };

/**
 * A test that checks command lines against this tree imports the module with this flag set, so
 * it is built but not run; every other way in (node dist/src/cli.js, the `ledger` bin, vite-node,
 * a bundle) runs it.
 */
export const BUILD_ONLY = Symbol.for('engagement-ledger.cli.build-only');

if (!(globalThis as Record<symbol, unknown>)[BUILD_ONLY]) {
  try {
    await program.parseAsync();
  } catch (error) {
    // Refusals are the user's to fix: one line, no stack.
    const message = error instanceof DomainError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    process.stderr.write(`ledger: ${message}\n`);
    process.exitCode = 1;
  }
}
