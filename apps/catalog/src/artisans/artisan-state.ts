import { ArtisanStatus } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { ARTISAN_DECISIONS, ArtisanDecision } from '@pk/contracts/requests/artisans';

// The table of decisions lives with the request schema that names them (libs/contracts).
export { ARTISAN_DECISIONS };
export type { ArtisanDecision };

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
