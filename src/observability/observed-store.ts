// Appends timed and counted at the port, whatever the adapter: a Proxy forwards every other
// member untouched (including an adapter's own, such as SQLite's verify()), so wrapping a
// store never hides what it can do.

import { WrongExpectedRevision } from '../store/errors.js';
import type { EventStore } from '../store/port.js';
import type { AppendObserver } from './observers.js';

export function observeAppends<S extends EventStore>(store: S, observer: AppendObserver): S {
  const append: EventStore['append'] = async (streamId, events, options) => {
    const started = performance.now();
    try {
      const result = await store.append(streamId, events, options);
      observer.appendSettled?.('ok', events.length, (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      const outcome = error instanceof WrongExpectedRevision ? 'conflict' : 'error';
      observer.appendSettled?.(outcome, 0, (performance.now() - started) / 1000);
      throw error;
    }
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'append') return append;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
