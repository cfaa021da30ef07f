import { ListingStatus } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';

export type ListingAction = 'submit' | 'approve' | 'reject' | 'unpublish' | 'archive' | 'restore';

/** Who may take each action, and from which status to which. The only place transitions live. */
export const LISTING_TRANSITIONS: Record<ListingAction, { by: 'owner' | 'curator'; from: ListingStatus[]; to: ListingStatus }> = {
  submit: { by: 'owner', from: ['draft'], to: 'submitted' },
  approve: { by: 'curator', from: ['submitted'], to: 'published' },
  reject: { by: 'curator', from: ['submitted'], to: 'draft' },
  unpublish: { by: 'curator', from: ['published'], to: 'draft' },
  archive: { by: 'owner', from: ['draft', 'submitted', 'published'], to: 'archived' },
  restore: { by: 'owner', from: ['archived'], to: 'draft' },
};

/** The status an action leads to, or a 409 that says why not. */
export function nextStatus(current: ListingStatus, action: ListingAction): ListingStatus {
  const t = LISTING_TRANSITIONS[action];
  if (!t.from.includes(current)) {
    throw new DomainError(ErrorCode.invalidTransition, `A ${current} listing cannot be ${pastTense(action)}; only a ${t.from.join(' or ')} one can.`, {
      from: current,
      action,
      allowedFrom: t.from,
    });
  }
  return t.to;
}

function pastTense(action: ListingAction): string {
  return { submit: 'submitted', approve: 'approved', reject: 'rejected', unpublish: 'unpublished', archive: 'archived', restore: 'restored' }[action];
}
