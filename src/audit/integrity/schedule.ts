// The server signs its head periodically, so that auditors always have a recent statement
// to keep and a truncation is never more than one period away from being caught.

import type { IntegrityObserver } from '../../observability/observers.js';
import type { EventStore } from '../../store/port.js';
import { IntegrityError } from './errors.js';
import type { LedgerIntegrity } from './ledger-integrity.js';
import { signHead } from './sign.js';

/** Default period between signed checkpoints: 15 minutes. */
export const CHECKPOINT_INTERVAL_MS = 15 * 60 * 1000;

export interface CheckpointSchedule {
  /** Sign now if the log grew since the last statement; resolves to whether it signed. */
  tick(): Promise<boolean>;
  stop(): void;
}

export interface ScheduleOptions {
  intervalMs?: number;
  /** Hears a refusal to sign (a broken chain) or any other failure; the schedule keeps running. */
  onError?: (error: unknown) => void;
  /** Told of each signing and each refusal (metrics). */
  observer?: IntegrityObserver;
}

export function scheduleCheckpoints(store: EventStore, integrity: LedgerIntegrity, options: ScheduleOptions = {}): CheckpointSchedule {
  let running: Promise<boolean> | undefined;
  let stopped = false;
  const tick = (): Promise<boolean> => {
    running ??= (async () => {
      try {
        const { checkpoints } = integrity;
        const signedAlready = async () => {
          const head = await store.headPosition();
          return stopped || head === 0 || head === (await checkpoints.latest())?.statement.position;
        };
        if (await signedAlready()) return false;
        // Every node runs this schedule: one signs, the others find the turn taken and leave it
        // (or, taking it just after, find that head signed already).
        const signed = await checkpoints.whileSigning(
          async () => {
            if (await signedAlready()) return false;
            await signHead(store, integrity.key, checkpoints);
            return true;
          },
          { wait: false },
        );
        if (signed) options.observer?.checkpointSigned?.(true);
        return signed ?? false;
      } catch (error) {
        options.observer?.checkpointSigned?.(false);
        // A store without a chain has nothing to sign, ever: stop asking.
        if (error instanceof IntegrityError && error.code === 'NO_HASH_CHAIN') clearInterval(timer);
        else options.onError?.(error);
        return false;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return {
    tick,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
