// The server's logger: pino, as fastify gives it. JSON lines for a log collector; on a
// terminal, the same lines made readable by pino-pretty. Keys that could carry a secret are
// redacted wherever they appear, as a second line of defence: nothing logs them on purpose.

import type { FastifyServerOptions } from 'fastify';
import pretty from 'pino-pretty';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'cookie',
  'token',
  '*.token',
  'password',
  '*.password',
];

export interface LoggerChoice {
  level: string;
  /** Where lines go; standard output by default. A terminal gets pino-pretty. */
  destination?: NodeJS.WritableStream & { isTTY?: boolean };
}

export function loggerOptions({ level, destination = process.stdout }: LoggerChoice): NonNullable<FastifyServerOptions['logger']> {
  const base = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (destination.isTTY) return { ...base, stream: pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination }) };
  return destination === process.stdout ? base : { ...base, stream: destination };
}
