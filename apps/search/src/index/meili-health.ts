import { setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@pk/core';

// A healthy Meilisearch answers /health in about a millisecond, even when searches are slow.
const PROBE_TIMEOUT_MS = 300;
const PROBE_EVERY_MS = 1000;
const PROBE_EVERY_DOWN_MS = 250;
/** A search slower than this asks at once whether Meilisearch still answers at all. */
export const SLOW_SEARCH_MS = 300;

/** Every search in flight listens on the one signal: more than Node's default of 10 is expected. */
function unlimited(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}

/**
 * Whether Meilisearch answers at all, as buyers' searches need to know: a hung server (stopped,
 * swapping, stuck) still accepts connections and answers nothing, and each search would wait for
 * its deadline. A probe of /health on its own connection every second, and at once when a search
 * is slow, says; while it does not answer, searches fail at once (503) and those in flight are
 * cut. Runs in every replica, workers or not.
 */
@Injectable()
export class MeiliHealth implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MeiliHealth.name);
  private readonly url: URL;
  private timer: NodeJS.Timeout | null = null;
  private probing: Promise<boolean> | null = null;
  private inFlight = unlimited(new AbortController());
  private answeredAt = Date.now();
  down = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.url = new URL('/health', config.meiliUrl);
  }

  onApplicationBootstrap(): void {
    this.schedule(PROBE_EVERY_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Aborted when Meilisearch stops answering: searches in flight pass it on. */
  get signal(): AbortSignal {
    return this.inFlight.signal;
  }

  /** Meilisearch answered a call: it is alive, however slow the probe was (a busy server). */
  answered(): void {
    this.answeredAt = Date.now();
  }

  /** Probes now (one probe at a time); says whether Meilisearch answered. */
  probe(): Promise<boolean> {
    const started = Date.now();
    this.probing ??= this.ask()
      .then((up) => {
        // Under load /health may be slow while searches still come back: only silence is down.
        const alive = up || this.answeredAt >= started;
        this.record(alive);
        return alive;
      })
      .finally(() => (this.probing = null));
    return this.probing;
  }

  private record(up: boolean): void {
    if (up === !this.down) return;
    this.down = !up;
    if (this.down) {
      this.logger.warn(`Meilisearch does not answer /health within ${PROBE_TIMEOUT_MS} ms: searches answer 503 until it does`);
      this.inFlight.abort();
    } else {
      this.logger.log('Meilisearch answers again');
      this.inFlight = unlimited(new AbortController());
    }
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      void this.probe().finally(() => {
        if (this.timer) this.schedule(this.down ? PROBE_EVERY_DOWN_MS : PROBE_EVERY_MS);
      });
    }, ms);
    this.timer.unref();
  }

  private ask(): Promise<boolean> {
    const transport = this.url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      // Its own connection: a kept-alive one may be the stuck one.
      const req = transport.get(this.url, { agent: false, timeout: PROBE_TIMEOUT_MS }, (res) => {
        res.resume();
        resolve((res.statusCode ?? 500) < 500);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
    });
  }
}
