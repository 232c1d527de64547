// Given/when/then for deciders: given past events, when a command, then events or a rule's code.

import { expect } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import type { DecideContext, Decider } from '../../src/domain/decider.js';
import { fold } from '../../src/domain/decider.js';
import { DomainError } from '../../src/domain/errors.js';
import type { LedgerEvent } from '../../src/domain/events/catalogue.js';
import type { Known, ReferenceKind } from '../../src/domain/references.js';

export const officer = (organisationId = 'halton-council', id = `officer@${organisationId}`): Actor => ({ id, role: 'officer', organisationId });
export const admin: Actor = { id: 'admin', role: 'admin', organisationId: null };
export const auditor: Actor = { id: 'auditor', role: 'auditor', organisationId: null };
export const scrutiny: Actor = { id: 'panel', role: 'scrutiny', organisationId: null };

/** `known` for a test that is not about references: every id a command names exists. */
export const knowsEverything: Known = new Proxy({}, { get: () => ({ has: () => true }) }) as Known;

/** `known` naming exactly the ids that exist. */
export const knowing = (ids: Partial<Record<ReferenceKind, string[]>>): Known => Object.fromEntries(Object.entries(ids).map(([kind, list]) => [kind, new Set(list)]));

export function given<C, S, Ctx extends DecideContext>(decider: Decider<C, LedgerEvent, S, Ctx>, history: LedgerEvent[] = []) {
  const state = fold(decider, history);
  return {
    state,
    when(command: C, context: Ctx) {
      const run = () => decider.decide(command, state, context);
      return {
        thenEmits(expected: LedgerEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenRefusedWith(code: string) {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught, `expected the rule ${code} to refuse the command`).toBeInstanceOf(DomainError);
          expect((caught as DomainError).code).toBe(code);
          return caught as DomainError;
        },
        events: run,
      };
    },
  };
}
