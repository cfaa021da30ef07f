import { Infra } from '@pk/infra';
import { ReadyResult } from './ready';

export function printBanner(o: { port: number; infra: Infra; ready: ReadyResult; seedLines: string[] }): void {
  const base = `http://localhost:${o.port}`;
  const lines = [
    '',
    o.ready.ready ? 'Pasar Kriya is ready.' : 'Pasar Kriya is running, but /ready does not say ready yet (see above).',
    `  Storefront API  ${base}/api/v1`,
    `  API docs        ${base}/api/docs`,
    `  Readiness       ${base}/ready`,
    `  Meilisearch     ${o.infra.meiliUrl}`,
    '',
    ...o.seedLines,
    '',
    'Ctrl-C stops everything.',
    '',
  ];
  console.log(lines.join('\n'));
}

export function printNotReady(ready: ReadyResult, timeoutMs: number): void {
  console.error(`[start] /ready did not answer 200 within ${timeoutMs / 1000} s (last status: ${ready.status ?? 'none'})`);
  if (ready.down.length) console.error(`[start] down: ${ready.down.join(', ')}`);
  console.error(`[start] body: ${ready.body}`);
}
