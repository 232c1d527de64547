// Tests that need something outside Node (Redis, a browser, a database server). Without it
// they are skipped, with one line on the console saying how to run them; when the variable
// that requires it is set (REQUIRE_REDIS=1, REQUIRE_BROWSER=1: CI sets them), a missing
// service fails the suite instead, so a CI run can never pass without them.

import { beforeEach, describe, it } from 'vitest';

export interface ServiceNeed {
  /** For messages: "Redis", "Chromium". */
  name: string;
  /** The environment variable that makes the service required, e.g. REQUIRE_REDIS. */
  requiredBy: string;
  /** Why the service cannot be used here, or undefined when it can. */
  missing: string | undefined;
  /** How to get it, e.g. "start one with `docker compose up -d redis`". */
  howToRun: string;
}

export interface Service {
  /** Why the service cannot be used here, or undefined when it can. */
  missing: string | undefined;
  /** A describe block that needs the service: skipped with the reason, or failed when required. */
  describe(name: string, body: () => void): void;
  /**
   * For a file whose hooks and tests stand at the top level: each test is skipped with the
   * reason (or failed, when required) when the service is missing. Returns whether it is
   * there, so the file's beforeAll can do nothing without it.
   */
  guardFile(): boolean;
}

export function service(need: ServiceNeed): Service {
  const { name, requiredBy, missing, howToRun } = need;
  const required = process.env[requiredBy] === '1';
  const failure = `${requiredBy}=1 but ${name} cannot be used: ${missing}`;
  const skipped = `skipped: ${missing}; to run them, ${howToRun}`;
  if (missing && !required) console.warn(`[${name} tests] ${skipped}`);
  return {
    missing,
    describe(title, body) {
      if (missing && required) {
        describe(title, () => {
          it(`needs ${name} (${requiredBy}=1)`, () => {
            throw new Error(failure);
          });
        });
        return;
      }
      describe.skipIf(missing !== undefined)(missing ? `${title} (${skipped})` : title, body);
    },
    guardFile() {
      if (!missing) return true;
      beforeEach(({ skip }) => {
        if (required) throw new Error(failure);
        skip(skipped);
      });
      return false;
    },
  };
}
