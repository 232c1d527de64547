// The logger's two faces: JSON lines for a collector, pino-pretty's readable lines on a terminal.

import { PassThrough } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../../src/observability/logging.js';

async function logged(isTTY: boolean): Promise<string> {
  const destination = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  destination.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const app = Fastify({ logger: loggerOptions({ level: 'info', destination }) });
  app.log.info({ token: 'sekrit-token-value', route: '/v1/x' }, 'hello from the ledger');
  await app.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  return text;
}

describe('the server log', () => {
  it('writes JSON lines when its output is not a terminal', async () => {
    const text = await logged(false);
    const line = JSON.parse(text.split('\n')[0] as string);
    expect(line).toMatchObject({ level: 30, msg: 'hello from the ledger', route: '/v1/x', token: '[redacted]' });
  });

  it('writes readable lines with pino-pretty on a terminal, still without the redacted secret', async () => {
    const text = await logged(true);
    expect(text).toContain('hello from the ledger');
    expect(text.trimStart().startsWith('{')).toBe(false);
    expect(text).toMatch(/INFO/);
    expect(text).not.toContain('sekrit-token-value');
  });
});
