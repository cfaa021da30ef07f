// `npm start`: infrastructure (found or started), migrations, demo seed, then every app.
import path from 'node:path';
import { runMigrations } from '@pk/database';
import { ensureInfra, Infra } from '@pk/infra';
import { seedCatalogue } from './demo/seed-catalogue';
import { seedChannels } from './demo/seed-channels';
import { seedCuration } from './demo/seed-curation';
import { DEMO_CURATOR, DEMO_PASSWORD, seedDemo } from './seed';
import { AppName, killApps, processesToStart, RunningApp, startApp, stopApps } from './start/apps';
import { printBanner, printNotReady } from './start/banner';
import { waitReady } from './start/ready';
import { buildServer } from './server-build';
import { ensureWebBuild } from './web-build';
import { ChannelSandboxes, startChannelSandboxes } from './start/channel-sandboxes';

const ROOT = path.resolve(__dirname, '..');
const READY_TIMEOUT_MS = 60_000;

const say = (line: string) => console.log(`[start] ${line}`);

let infra: Promise<Infra> | undefined;
let sandboxes: ChannelSandboxes | null = null;
const apps: RunningApp[] = [];
let stopping = false;

/** Apps first (they still hold connections), then the infrastructure; a second signal forces. */
async function shutdown(code: number): Promise<void> {
  if (stopping) {
    say('forcing');
    killApps(apps);
    // infra's 'exit' hook kills the servers it started.
    process.exit(code || 130);
  }
  stopping = true;
  say('stopping apps');
  await stopApps(apps);
  await sandboxes?.close();
  const started = await infra?.catch(() => undefined);
  if (started?.started.length) say(`stopping ${started.started.join(', ')}`);
  await started?.stop();
  process.exit(code);
}

function onAppExit(name: AppName, code: number | null, signal: NodeJS.Signals | null): void {
  if (stopping) return;
  console.error(`[start] ${name} exited unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); stopping everything`);
  void shutdown(1);
}

async function main(): Promise<void> {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void shutdown(0));

  // Detached: the terminal's Ctrl-C reaches only us, so we can stop the apps before the stores.
  infra = ensureInfra({ profile: 'dev', rootDir: ROOT, detached: true, log: (line) => console.log(`[infra] ${line}`) });
  const { databaseUrl, redisUrl, meiliUrl, meiliKey } = await infra;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    MEILI_URL: meiliUrl,
    MEILI_MASTER_KEY: meiliKey,
    ADMIN_EMAIL: process.env.ADMIN_EMAIL || 'admin@pasarkriya.id',
    ADMIN_PASSWORD: process.env.ADMIN_PASSWORD || 'admin-demo-12345',
    PK_LAUNCHER_PID: String(process.pid),
    // Photos live beside the dev databases unless told otherwise.
    MEDIA_DIR: process.env.MEDIA_DIR || path.join(process.env.PK_DATA_DIR || path.join(ROOT, '.data', 'dev'), 'media'),
  };
  if (stopping) return;
  // Unless real channel hosts are configured, the export goes to local sandboxes.
  if (!process.env.TIKTOK_SHOP_API_URL && !process.env.LAZADA_API_URL) {
    sandboxes = await startChannelSandboxes();
    Object.assign(env, sandboxes.env);
    say(`channel sandboxes: TikTok Shop ${sandboxes.tiktok.url}, Lazada ${sandboxes.lazada.url}`);
  }

  const ran = await runMigrations(databaseUrl);
  say(ran.length ? `migrated: ${ran.join(', ')}` : 'migrations: nothing to apply');
  if (stopping) return;
  const seedLines = await seedDemo(env);
  if (stopping) return;

  // The gateway serves apps/web/dist: rebuilt here when its sources are newer. A failed build
  // leaves the API up (the gateway answers / with how to build).
  try {
    ensureWebBuild(say);
  } catch (error) {
    console.error(`[start] web app not built: ${(error as Error).message}`);
  }
  // The apps run compiled JavaScript, compiled again only where a source changed.
  const built = buildServer();
  say(built.compiled ? `compiled ${built.compiled} server files in ${Math.round(built.ms)} ms (${built.upToDate} up to date)` : `server build up to date (${built.upToDate} files)`);
  for (const name of processesToStart(env)) apps.push(startApp(ROOT, name, env, onAppExit));
  const port = Number(process.env.GATEWAY_PORT || 3000);
  const ready = await waitReady(`http://127.0.0.1:${port}/ready`, READY_TIMEOUT_MS, () => stopping);
  if (stopping) return;
  if (!ready.ready) printNotReady(ready, READY_TIMEOUT_MS);
  else {
    // The catalogue goes in through the running apps, so its events reach search and channels.
    const lines = await seedCatalogue(`http://127.0.0.1:${port}`, DEMO_CURATOR, DEMO_PASSWORD).catch(
      (error: Error) => [`Demo catalogue: not seeded (${error.message})`],
    );
    seedLines.push(...lines);
    seedLines.push(
      ...(await seedCuration(`http://127.0.0.1:${port}`, DEMO_CURATOR, DEMO_PASSWORD).catch((error: Error) => [`Demo curation: not seeded (${error.message})`])),
    );
    if (sandboxes) {
      const channelLines = await seedChannels(`http://127.0.0.1:${port}`, DEMO_CURATOR, DEMO_PASSWORD).catch(
        (error: Error) => [`Channel export: not started (${error.message})`],
      );
      seedLines.push(...channelLines);
    }
  }
  if (stopping) return;
  printBanner({ port, infra: await infra, ready, seedLines });
}

main().catch((err: Error) => {
  if (stopping) return;
  console.error(`[start] ${err.message}`);
  void shutdown(1);
});
