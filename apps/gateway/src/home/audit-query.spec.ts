import { DomainError } from '@pk/core';
import { parseAuditQuery, witaIso } from './audit-query';

describe('parseAuditQuery', () => {
  it('reads date-only bounds as whole WITA days, the end day included', () => {
    const q = parseAuditQuery({ from: '2026-03-10', to: '2026-03-10' });
    expect(q.from?.toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(q.to?.toISOString()).toBe('2026-03-10T16:00:00.000Z');
  });

  it('takes date-times with an offset as they are, and pages by default', () => {
    expect(parseAuditQuery({ from: '2026-03-10T01:02:03+07:00' })).toMatchObject({ from: new Date('2026-03-09T18:02:03Z'), limit: 50, offset: 0, format: 'json' });
  });

  it('names the bad field', () => {
    const field = (query: object) => {
      try {
        parseAuditQuery(query);
      } catch (e) {
        return ((e as DomainError).details as Array<{ field: string }>)[0].field;
      }
      return null;
    };
    expect(field({ from: '10/03/2026' })).toBe('from');
    expect(field({ from: '2026-02-30' })).toBe('from');
    expect(field({ from: '2026-03-11', to: '2026-03-10' })).toBe('to');
    expect(field({ format: 'xlsx' })).toBe('format');
    expect(field({ who: 'x' })).toBe('(body)');
  });
});

describe('witaIso', () => {
  it('shows a moment in Bali time with its offset', () => {
    expect(witaIso(new Date('2026-03-09T16:30:00Z'))).toBe('2026-03-10T00:30:00.000+08:00');
  });
});
