// Configuration comes from the environment and is checked once, at start.
// A bad value stops the start with one line that names the variable.

import { z } from 'zod';
import { DEFAULT_DATE_RANGE } from './domain/values.js';

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();

export const configSchema = z
  .object({
    PORT: port.default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('data'),
    STORE: z.enum(['sqlite', 'eventstoredb']).default('sqlite'),
    EVENTSTORE_URL: z.string().regex(/^(esdb|kurrentdb)(\+discover)?:\/\//, 'must be an esdb:// or kurrentdb:// connection string').optional(),
    REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
    /** embedded: projections run in the server into DATA_DIR/readmodels.db; workers: `ledger worker` processes keep them in Redis. */
    PROJECTIONS: z.enum(['embedded', 'workers']).default('embedded'),
    /** Key prefix in Redis for queues and read models, one per deployment sharing a Redis. */
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('ledger'),
    /** FULL: every acknowledged append is on disk. NORMAL trades that for speed; never for a ledger of record. */
    SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
    /** Largest request body, in bytes: a survey's batch of responses is the big case. */
    BODY_LIMIT_BYTES: positiveInt.default(8 * 1024 * 1024),
    /** Requests per token (or per address, before authentication) per minute. */
    RATE_LIMIT_PER_MINUTE: positiveInt.default(6_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** The range of calendar dates commands and query filters accept (src/domain/values.ts); events already recorded read whatever their dates. */
    DATE_MIN: z.iso.date().default(DEFAULT_DATE_RANGE.min),
    DATE_MAX: z.iso.date().default(DEFAULT_DATE_RANGE.max),
  })
  .refine((c) => c.DATE_MIN <= c.DATE_MAX, { path: ['DATE_MAX'], message: 'must not be before DATE_MIN' })
  .refine((c) => c.STORE !== 'eventstoredb' || c.EVENTSTORE_URL !== undefined, {
    path: ['EVENTSTORE_URL'],
    message: 'is required when STORE=eventstoredb',
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Read the configuration; throws ConfigError with one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
  throw new ConfigError(`invalid configuration: ${lines.join('; ')}`);
}
