import { ArtisanStatus } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';

export type ArtisanDecision = 'verify' | 'reject' | 'suspend' | 'reinstate';

/**
 * The council's decisions on an artisan: each moves one status to another, and the ones that
 * take something away need a reason the artisan will read. The only place transitions live.
 */
export const ARTISAN_DECISIONS: Record<ArtisanDecision, { from: ArtisanStatus; to: ArtisanStatus; reasonRequired: boolean }> = {
  verify: { from: 'pending', to: 'verified', reasonRequired: false },
  reject: { from: 'pending', to: 'rejected', reasonRequired: true },
  suspend: { from: 'verified', to: 'suspended', reasonRequired: true },
  reinstate: { from: 'suspended', to: 'verified', reasonRequired: false },
};

/** The status a decision leads to from `current`, or a 409 naming the move that is not allowed. */
export function artisanStatusAfter(current: ArtisanStatus, decision: ArtisanDecision): ArtisanStatus {
  const move = ARTISAN_DECISIONS[decision];
  if (move.from !== current) {
    throw new DomainError(
      ErrorCode.invalidTransition,
      `Cannot ${decision} a ${current} artisan (${current} → ${move.to}); only a ${move.from} one can be.`,
      { from: current, to: move.to, decision },
    );
  }
  return move.to;
}
