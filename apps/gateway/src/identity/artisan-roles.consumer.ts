import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ArtisanSuspendedEvent, ArtisanVerifiedEvent, CatalogEvents, EventEnvelope, Roles } from '@pk/contracts';
import { EventSubscriber } from '@pk/messaging';

/**
 * The identity-events queue: the council's decisions on artisans become the user's artisan role.
 * Both updates are idempotent; the role reaches the user's token at the next refresh or login.
 * The catalog checks shop status itself on every write, so a stale token role grants nothing.
 */
@Injectable()
export class ArtisanRolesConsumer implements EventSubscriber {
  async handle(event: EventEnvelope, tx: EntityManager): Promise<void> {
    switch (event.name) {
      case CatalogEvents.artisanVerified: {
        const { userId } = event.payload as ArtisanVerifiedEvent;
        await tx.query(
          `UPDATE identity.users SET roles = array_append(roles, $2), updated_at = now()
           WHERE id = $1 AND NOT ($2 = ANY(roles))`,
          [userId, Roles.artisan],
        );
        return;
      }
      case CatalogEvents.artisanSuspended: {
        const { userId } = event.payload as ArtisanSuspendedEvent;
        await tx.query(
          `UPDATE identity.users SET roles = array_remove(roles, $2), updated_at = now() WHERE id = $1 AND $2 = ANY(roles)`,
          [userId, Roles.artisan],
        );
        return;
      }
      default:
        // Not ours: recorded in the inbox and otherwise ignored.
        return;
    }
  }
}
