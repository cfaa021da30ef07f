import { DomainError } from '@pk/core';
import { LISTING_TRANSITIONS, nextStatus } from './listing-state';

describe('listing state machine', () => {
  it('follows draft → submitted → published → archived, and rejection back to draft', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'approve')).toBe('published');
    expect(nextStatus('submitted', 'reject')).toBe('draft');
    expect(nextStatus('published', 'archive')).toBe('archived');
    expect(nextStatus('archived', 'restore')).toBe('draft');
  });

  it('refuses a move the table does not list, naming where it could start', () => {
    try {
      nextStatus('draft', 'approve');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('invalid_transition');
      expect((error as DomainError).details).toEqual({ from: 'draft', action: 'approve', allowedFrom: ['submitted'] });
    }
    expect(() => nextStatus('archived', 'submit')).toThrow(/archived listing cannot be submitted/);
    expect(() => nextStatus('published', 'submit')).toThrow(DomainError);
  });

  it('leaves curator decisions to curators and the rest to owners', () => {
    const byCurator = Object.entries(LISTING_TRANSITIONS).filter(([, t]) => t.by === 'curator').map(([a]) => a);
    expect(byCurator.sort()).toEqual(['approve', 'reject', 'unpublish']);
  });
});
