// Configuration comes from the environment and is checked once, at start.
// A bad value stops the start with one line that names the variable.

import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_DATE_RANGE } from './domain/values.js';
import { parseMinimums } from './projections/read-models/lawful-consultation/adequate-time.js';

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();

/** An address or a CIDR range: 10.0.0.1, 10.0.0.0/8, ::1, fd00::/8. */
function isAddressOrRange(text: string): boolean {
  const [address = '', bits, ...rest] = text.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * TRUST_PROXY, for fastify's trustProxy: `false` (default: believe no X-Forwarded-* header),
 * `true` (every hop: only when nothing reaches the ledger but the proxy), a number of hops, or
 * the proxies' addresses and ranges, comma-separated.
 */
const trustProxy = z
  .string()
  .trim()
  .refine((v) => /^(true|false|\d{1,2})?$/.test(v) || v.split(',').every((part) => isAddressOrRange(part.trim())), {
    message: 'must be true, false, a number of hops, or proxy addresses/CIDR ranges separated by commas',
  })
  .transform((v): boolean | number | string => (v === '' || v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v))
  .default(false);

export const configSchema = z
  .object({
    PORT: port.default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('data'),
    STORE: z.enum(['sqlite', 'eventstoredb', 'postgres']).default('sqlite'),
    EVENTSTORE_URL: z.string().regex(/^(esdb|kurrentdb)(\+discover)?:\/\//, 'must be an esdb:// or kurrentdb:// connection string').optional(),
    /** STORE=postgres: the database holding the log, e.g. postgres://ledger@db:5432/ledger (a schema: ?options=-c%20search_path%3Dledger). */
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection string').optional(),
    REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
    /** embedded: projections run in the server into DATA_DIR/readmodels.db; workers: `ledger worker` processes keep them in Redis. */
    PROJECTIONS: z.enum(['embedded', 'workers']).default('embedded'),
    /** Key prefix in Redis for queues and read models, one per deployment sharing a Redis. */
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('ledger'),
    /** FULL: every acknowledged append is on disk. NORMAL trades that for speed; never for a ledger of record. */
    SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
    /**
     * Who commits to the SQLite log: `thread`, a writer thread, so requests go on being parsed while a
     * commit syncs (the default of `ledger serve`); `loop`, the event loop itself (the default of the
     * other commands, which write little). Equally durable: an append is acknowledged once committed.
     */
    SQLITE_WRITER: z.enum(['loop', 'thread']).optional(),
    /** Largest request body, in bytes: a survey's batch of responses is the big case. */
    BODY_LIMIT_BYTES: positiveInt.default(8 * 1024 * 1024),
    /** A verified bearer token is trusted this long without a lookup: a revocation made on another node or by the command line takes effect within it (one made through this node, at once). 0: look up every request. */
    AUTH_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
    /** Requests per token (or per address, before authentication) per minute. */
    RATE_LIMIT_PER_MINUTE: positiveInt.default(6_000),
    /** Behind a TLS-terminating proxy: whose X-Forwarded-Proto/-For to believe (session cookies become Secure, __Host-). */
    TRUST_PROXY: trustProxy,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** The whole request (headers and body) must arrive within this; a slower client gets 408 and the socket closed. */
    REQUEST_TIMEOUT_MS: positiveInt.default(30_000),
    /** The request's headers must arrive within this. */
    HEADERS_TIMEOUT_MS: positiveInt.default(10_000),
    /** An idle keep-alive connection is closed after this. */
    KEEP_ALIVE_TIMEOUT_MS: positiveInt.default(5_000),
    /** A connection with no traffic either way for this long is closed (longer than the slowest answer: a whole-log verify). */
    CONNECTION_TIMEOUT_MS: positiveInt.default(120_000),
    /** /health/ready fails when a projection is further behind the head than this many log positions. */
    READY_MAX_PROJECTION_LAG: z.coerce.number().int().min(0).default(10_000),
    /** Each readiness check must answer within this. */
    READY_CHECK_TIMEOUT_MS: positiveInt.default(2_000),
    /** Set: /metrics is served without a token on METRICS_HOST:METRICS_PORT, and not on the API. Unset: on the API, for a `metrics` token. */
    METRICS_PORT: port.optional(),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    /** The master key wrapping personal-data keys, base64 (256 bits); or LEDGER_MASTER_KEY_FILE, a file holding it. Default: DATA_DIR/master.key (embedded store only). */
    LEDGER_MASTER_KEY: z.string().min(1).optional(),
    LEDGER_MASTER_KEY_FILE: z.string().min(1).optional(),
    /** The Ed25519 signing key, PKCS#8 PEM; or LEDGER_SIGNING_KEY_FILE, a file holding it. Default: DATA_DIR/signing-key.pem (embedded store only). */
    LEDGER_SIGNING_KEY: z.string().min(1).optional(),
    LEDGER_SIGNING_KEY_FILE: z.string().min(1).optional(),
    /** The range of calendar dates commands and query filters accept (src/domain/values.ts); events already recorded read whatever their dates. */
    DATE_MIN: z.iso.date().default(DEFAULT_DATE_RANGE.min),
    DATE_MAX: z.iso.date().default(DEFAULT_DATE_RANGE.max),
    /** The officers' workbench signs in with this OpenID Connect provider (its issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0). */
    OIDC_ISSUER: z.url().optional(),
    /** The ledger's client id at the provider. */
    OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
    /** The ledger's client secret at the provider (a confidential client); without it, PKCE alone (a public client). */
    OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
    /** Whom people refused access should ask, shown on the workbench's refusal page: "the Community Engagement Team, engagement@halton.gov.uk". */
    ADMIN_CONTACT: z.string().trim().min(1).max(200).optional(),
    /** Where browsers reach the ledger (https://ledger.example.gov.uk): the sign-in's redirect is PUBLIC_URL/workbench/sign-in/callback, and the public site's feeds and calendars link back to it. Default: the request's own address. */
    PUBLIC_URL: z
      .url()
      .refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL')
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
    /** The public site: counts of people below this read "fewer than" it (small-number suppression). */
    PUBLIC_SUPPRESSION_THRESHOLD: z.coerce.number().int().min(2).max(100).default(5),
    /** The public site flags a closed consultation with no published outcome after this many days (the UK Consultation Principles' 12 weeks). */
    PUBLIC_OUTCOME_DUE_DAYS: z.coerce.number().int().min(1).max(3_650).default(84),
    /** Requests per address per minute to the public site, on top of RATE_LIMIT_PER_MINUTE. */
    PUBLIC_RATE_LIMIT_PER_MINUTE: positiveInt.default(600),
    /** The public site's language: the name of a messages file in src/public/messages (en-GB.json). */
    PUBLIC_LANGUAGE: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag such as en-GB or cy').default('en-GB'),
    /** Where residents report a problem with the public site (shown on /accessibility): an e-mail address or a sentence. */
    PUBLIC_CONTACT: z.string().trim().min(1).max(200).optional(),
    /** Gunning's adequate time, minimum days per method, over the defaults (28-day window, 14 days' notice): "survey=42,workshop=7". */
    GUNNING_MINIMUMS: z
      .string()
      .trim()
      .max(1_000)
      .default('')
      .superRefine((text, ctx) => {
        try {
          parseMinimums(text);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }),
  })
  .refine((c) => c.HEADERS_TIMEOUT_MS <= c.REQUEST_TIMEOUT_MS, {
    path: ['HEADERS_TIMEOUT_MS'],
    message: 'must not exceed REQUEST_TIMEOUT_MS',
  })
  .refine((c) => c.DATE_MIN <= c.DATE_MAX, { path: ['DATE_MAX'], message: 'must not be before DATE_MIN' })
  .refine((c) => c.STORE !== 'eventstoredb' || c.EVENTSTORE_URL !== undefined, {
    path: ['EVENTSTORE_URL'],
    message: 'is required when STORE=eventstoredb',
  })
  .refine((c) => c.STORE !== 'postgres' || c.DATABASE_URL !== undefined, {
    path: ['DATABASE_URL'],
    message: 'is required when STORE=postgres',
  })
  .refine((c) => (c.OIDC_ISSUER === undefined) === (c.OIDC_CLIENT_ID === undefined), {
    path: ['OIDC_CLIENT_ID'],
    message: 'and OIDC_ISSUER go together: set both to sign in with an identity provider, or neither',
  })
  .refine((c) => c.OIDC_CLIENT_SECRET === undefined || c.OIDC_ISSUER !== undefined, {
    path: ['OIDC_CLIENT_SECRET'],
    message: 'is set but OIDC_ISSUER is not',
  })
  // Several nodes share a PostgreSQL log: an embedded runner per node would keep read models
  // in each node's DATA_DIR, each its own copy; BullMQ workers keep one set in Redis for all.
  .refine((c) => c.STORE !== 'postgres' || c.PROJECTIONS === 'workers', {
    path: ['PROJECTIONS'],
    message: 'must be workers when STORE=postgres: API nodes share the log, and `ledger worker` processes keep the read models in Redis for all of them',
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
