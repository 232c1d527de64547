// Every command reads the same configuration; a bad value ends it with one line.

import { ConfigError, loadConfig, type Config } from '../config.js';
import { configureDateRange } from '../domain/values.js';

export function configOrExit(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  try {
    const env = { ...process.env, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
    const config = loadConfig(env);
    // Commands that write (import, erase) accept the dates the server would.
    configureDateRange({ min: config.DATE_MIN, max: config.DATE_MAX });
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`ledger: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
