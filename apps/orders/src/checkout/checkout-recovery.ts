import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Schemas } from '@pk/contracts';
import { APP_CONFIG, AppConfig, newId } from '@pk/core';
import { PgWorkflowOwners, PgWorkflowStore, WorkflowEngine } from '@pk/messaging';
import { CheckoutSteps } from './checkout.steps';

// How often each replica looks for runs a dead process left: one indexed query when there are none.
const RECOVERY_EVERY_MS = 5_000;

/** This orders process, as the owner of the checkout runs it executes (its lock lives as long as it does). */
@Injectable()
export class CheckoutOwners extends PgWorkflowOwners implements OnModuleInit, BeforeApplicationShutdown {
  constructor(db: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    super(db, config.databaseUrl);
  }

  onModuleInit(): Promise<void> {
    return this.open();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.close();
  }
}

/** The workflow engine over orders.workflow_runs. */
@Injectable()
export class CheckoutEngine extends WorkflowEngine {
  constructor(db: DataSource, owners: CheckoutOwners, @Inject(APP_CONFIG) config: AppConfig) {
    super(new PgWorkflowStore(db, Schemas.orders, newId), owners, {
      // Test-only fault hook (test/checkout-workflow.e2e-spec.ts): never honoured in production.
      exitAfterStep: config.env === 'production' ? null : (process.env.PK_FAULT_EXIT_AFTER_STEP ?? null),
    });
  }
}

/**
 * Checkouts whose process died mid-way are taken over at start-up and then every few seconds,
 * by whichever replica looks first (taking a run over is one conditional UPDATE). Only where the
 * workers run.
 */
@Injectable()
export class CheckoutRecovery implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CheckoutRecovery.name);
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> = Promise.resolve();
  private busy = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly engine: CheckoutEngine,
    private readonly steps: CheckoutSteps,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.workers) return;
    this.sweep();
    this.timer = setInterval(() => this.sweep(), RECOVERY_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  private sweep(): void {
    // One sweep at a time: a slow one is not queued behind by the next ticks.
    if (this.busy) return;
    this.busy = true;
    this.sweeping = this.engine
      .recover([this.steps.workflow])
      .then((taken) => {
        if (taken) this.logger.warn(`took over ${taken} checkout(s) left by a dead process`);
      })
      .catch((error: Error) => this.logger.error(`checkout recovery: ${error.message}`))
      .finally(() => {
        this.busy = false;
      });
  }
}
