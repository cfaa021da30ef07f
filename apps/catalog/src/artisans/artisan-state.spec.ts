import { ArtisanStatus } from '@pk/contracts';
import { DomainError } from '@pk/core';
import { ARTISAN_DECISIONS, ArtisanDecision, artisanStatusAfter } from './artisan-state';

const STATUSES = Object.values(ArtisanStatus);
const DECISIONS = Object.keys(ARTISAN_DECISIONS) as ArtisanDecision[];

const ALLOWED: Array<[ArtisanStatus, ArtisanDecision, ArtisanStatus]> = [
  ['pending', 'verify', 'verified'],
  ['pending', 'reject', 'rejected'],
  ['verified', 'suspend', 'suspended'],
  ['suspended', 'reinstate', 'verified'],
];

describe('artisan decisions', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, decision, to) => {
    expect(artisanStatusAfter(from, decision)).toBe(to);
  });

  it('refuses every other move with invalid_transition naming from and to', () => {
    const refused = STATUSES.flatMap((from) => DECISIONS.map((decision) => [from, decision] as const)).filter(
      ([from, decision]) => !ALLOWED.some(([f, d]) => f === from && d === decision),
    );
    expect(refused).toHaveLength(STATUSES.length * DECISIONS.length - ALLOWED.length);
    for (const [from, decision] of refused) {
      let caught: unknown;
      try {
        artisanStatusAfter(from, decision);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect(caught).toMatchObject({ code: 'invalid_transition', details: { from, to: ARTISAN_DECISIONS[decision].to, decision } });
    }
  });

  it('asks for a reason exactly when something is taken away', () => {
    const needReason = DECISIONS.filter((d) => ARTISAN_DECISIONS[d].reasonRequired).sort();
    expect(needReason).toEqual(['reject', 'suspend']);
  });

  it('never leaves a rejected artisan a decision (they apply again instead)', () => {
    expect(DECISIONS.filter((d) => ARTISAN_DECISIONS[d].from === 'rejected')).toEqual([]);
  });
});
