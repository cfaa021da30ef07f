import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, IdentityEvents, UserRegisteredEvent } from '@pk/contracts';

/**
 * Where orders sends a user's notifications by email: identity lives in the gateway, so orders
 * keeps the address each `user.registered` event carries (in the inbox transaction of the event).
 */
@Injectable()
export class Recipients {
  async handle(event: EventEnvelope, tx: EntityManager): Promise<void> {
    if (event.name === IdentityEvents.userRegistered) return this.remember(event.payload as UserRegisteredEvent, tx);
  }

  async remember(e: UserRegisteredEvent, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO orders.recipients (user_id, email) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, updated_at = now()`,
      [e.userId, e.email],
    );
  }
}
