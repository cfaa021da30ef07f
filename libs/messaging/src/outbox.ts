import { EntityManager } from 'typeorm';
import { EventMap, EventName } from '@pk/contracts';
import { newId } from '@pk/core';

/**
 * Writes an event in the caller's transaction, so the event exists exactly when the change does.
 * The relay publishes it afterwards.
 */
export class OutboxWriter {
  constructor(private readonly schema: string) {}

  async add<N extends EventName>(tx: EntityManager, name: N, payload: EventMap[N]): Promise<string>;
  async add(tx: EntityManager, name: string, payload: Record<string, unknown>): Promise<string>;
  async add(tx: EntityManager, name: string, payload: object): Promise<string> {
    if (!tx.queryRunner?.isTransactionActive) {
      throw new Error(`outbox.add(${name}) must run inside a transaction`);
    }
    const id = newId();
    await tx.query(`INSERT INTO "${this.schema}".outbox (id, name, payload) VALUES ($1, $2, $3)`, [
      id,
      name,
      JSON.stringify(payload),
    ]);
    return id;
  }
}
