import { SearchPatterns, SearchRunView, Services } from '@pk/contracts';
import { loadConfig } from '@pk/core';
import { ServiceClients } from '@pk/messaging';

/**
 * `npm run search:reindex [-- --reconcile]`: asks the running search service for a full reindex
 * (or a reconcile), follows its progress and exits 0 when it succeeded.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const kind = process.argv.includes('--reconcile') ? 'reconcile' : 'reindex';
  // The search service's own command: it speaks as the search app (signed with the shared secret).
  const clients = new ServiceClients(config, Services.search);
  const ask = <R>(pattern: string, data: unknown) => clients.sendAsService<R>(Services.search, pattern, data);
  try {
    let run = await ask<SearchRunView>(kind === 'reindex' ? SearchPatterns.reindex : SearchPatterns.reconcile, { trigger: 'command' });
    console.log(`${kind} ${run.id} ${run.status}${run.trigger !== 'command' ? ` (already started by ${run.trigger})` : ''}`);
    let last = '';
    while (run.status === 'queued' || run.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      run = await ask<SearchRunView>(SearchPatterns.run, { id: run.id });
      const line = `${run.status} ${run.progress.done}/${run.progress.total}`;
      if (line !== last) console.log(line);
      last = line;
    }
    if (run.status === 'failed') throw new Error(run.error ?? 'failed');
    console.log(`done: ${JSON.stringify(run.result)}`);
  } finally {
    await clients.onApplicationShutdown();
  }
}

main().catch((error) => {
  console.error(`search ${process.argv.includes('--reconcile') ? 'reconcile' : 'reindex'} failed: ${(error as Error).message}`);
  process.exit(1);
});
