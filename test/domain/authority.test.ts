import { describe, expect, it } from 'vitest';
import { assertMayManageReferenceData, assertMayRecord } from '../../src/domain/authority.js';
import { DomainError } from '../../src/domain/errors.js';
import { admin, auditor, officer, scrutiny } from './given.js';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
};

describe('who may record what', () => {
  it('an officer records for their own organisation, which a new record belongs to', () => {
    expect(assertMayRecord(officer('halton-council'))).toBe('halton-council');
    expect(assertMayRecord(officer('halton-council'), ['halton-council', 'cheshire-police'])).toBe('halton-council');
  });

  it('an officer never records for another organisation', () => {
    expect(codeOf(() => assertMayRecord(officer('cheshire-police'), ['halton-council']))).toBe('OTHER_ORGANISATION');
  });

  it('an officer without an organisation records nothing', () => {
    expect(codeOf(() => assertMayRecord({ id: 'x', role: 'officer', organisationId: null }))).toBe('OFFICER_WITHOUT_ORGANISATION');
  });

  it('auditors, panels and administrators do not record engagement', () => {
    for (const actor of [auditor, scrutiny, admin]) expect(codeOf(() => assertMayRecord(actor))).toBe('ROLE_MAY_NOT_RECORD');
  });

  it('only an administrator manages organisations and reference data', () => {
    expect(codeOf(() => assertMayManageReferenceData(admin))).toBeUndefined();
    for (const actor of [officer(), auditor, scrutiny]) expect(codeOf(() => assertMayManageReferenceData(actor))).toBe('ADMIN_ONLY');
  });
});
