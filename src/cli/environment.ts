// Every command reads the same configuration; a bad value ends it with one line.

import { ConfigError, loadConfig, type Config } from '../config.js';

export function configOrExit(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  try {
    const env = { ...process.env, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`ledger: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
