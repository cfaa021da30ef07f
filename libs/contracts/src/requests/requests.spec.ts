import * as contracts from '..';
import { RequestBodyAt, RequestProblems, RequestSchemas } from '.';

// Every RPC pattern declares its request here: what an app parses with, the gateway checks with.
const patterns = Object.entries(contracts)
  .filter(([name]) => name.endsWith('Patterns'))
  .flatMap(([name, table]) => Object.entries(table as Record<string, string>).map(([key, pattern]) => ({ at: `${name}.${key}`, pattern })));

describe('RequestSchemas', () => {
  it('has the request schema of every pattern of every *Patterns table', () => {
    expect(patterns.length).toBeGreaterThanOrEqual(140);
    expect(patterns.filter((p) => !RequestSchemas[p.pattern]).map((p) => p.at)).toEqual([]);
  });

  it('names only real patterns, and a body field that its schema has', () => {
    const known = new Set(patterns.map((p) => p.pattern));
    const jobs = /^\w+\.jobs\.(failed|retry)$/;
    expect(Object.keys(RequestSchemas).filter((p) => !known.has(p) && !jobs.test(p))).toEqual([]);
    expect(Object.keys(RequestProblems).filter((p) => !known.has(p))).toEqual([]);
    for (const [pattern, { field }] of Object.entries(RequestBodyAt)) {
      const shape = (RequestSchemas[pattern] as unknown as { shape?: Record<string, unknown> }).shape;
      expect({ pattern, field, has: !!shape?.[field] }).toEqual({ pattern, field, has: true });
    }
  });
});
