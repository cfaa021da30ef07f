import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ArtisanSuspendedEvent, ArtisanVerifiedEvent, CatalogEvents, EventEnvelope, Roles } from '@pk/contracts';
import { EventSubscriber } from '@pk/messaging';
import { SessionStates } from '../auth/session-states';

/**
 * The identity-events queue: the council's decisions on artisans become the user's artisan role.
 * Both updates are idempotent. The gained role reaches the user's token at the next refresh; a lost
 * one raises the user's session version, so their tokens naming it are refused at their next
 * request and the refresh that follows carries the roles they have left.
 * The catalog checks shop status itself on every write, and orders on every fulfilment step.
 */
@Injectable()
export class ArtisanRolesConsumer implements EventSubscriber {
  constructor(private readonly sessions: SessionStates) {}

  async handle(event: EventEnvelope, tx: EntityManager): Promise<void> {
    switch (event.name) {
      case CatalogEvents.artisanVerified: {
        const { userId } = event.payload as ArtisanVerifiedEvent;
        // A role gained: older tokens grant less than the user now has, so they may stand.
        await tx.query(
          `UPDATE identity.users SET roles = array_append(roles, $2), updated_at = now()
           WHERE id = $1 AND NOT ($2 = ANY(roles))`,
          [userId, Roles.artisan],
        );
        return;
      }
      case CatalogEvents.artisanSuspended: {
        const { userId } = event.payload as ArtisanSuspendedEvent;
        const [changed]: [unknown[], number] = await tx.query(
          `UPDATE identity.users SET roles = array_remove(roles, $2), updated_at = now() WHERE id = $1 AND $2 = ANY(roles) RETURNING id`,
          [userId, Roles.artisan],
        );
        if (changed.length) await this.roleRemoved(tx, userId);
        return;
      }
      default:
        // Not ours: recorded in the inbox and otherwise ignored.
        return;
    }
  }

  // Spread before the commit (the host owns the transaction): Redis only ever takes the version
  // forward, so this is right once the commit lands; a rollback leaves the user's tokens refused
  // until the Redis entry lapses (AUTH_SESSION_CACHE_SECONDS) and the event is applied again.
  private async roleRemoved(tx: EntityManager, userId: string): Promise<void> {
    await this.sessions.userChanged(userId, await SessionStates.bump(tx, userId));
  }
}
