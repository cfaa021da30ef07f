import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where the browser tests look for Debian's chromium (CHROMIUM_PATH overrides). */
export const chromiumPath = (env: NodeJS.ProcessEnv = process.env): string => env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The one command a person runs when `npm test` may not install the browser itself. */
export const CHROMIUM_INSTALL_HINT = 'sudo apt-get install -y --no-install-recommends chromium';

/** What of jest's global config says which suites run (jest 29 names). */
export interface SelectedTests {
  rootDir: string;
  testPathPattern?: string;
  selectProjects?: string[] | null;
}

/**
 * Whether the run includes the browser suites: everything (`npm test`), the e2e project, or a
 * path pattern that matches a file under test/browser. `npx jest test/orders` needs no browser.
 */
export function browserSuitesSelected(sel: SelectedTests): boolean {
  if (sel.selectProjects?.length && !sel.selectProjects.includes('e2e')) return false;
  if (!sel.testPathPattern) return true;
  const sample = path.join(sel.rootDir, 'test', 'browser', 'buyer.e2e-spec.ts');
  try {
    return new RegExp(sel.testPathPattern, 'i').test(sample) || /browser/i.test(sel.testPathPattern);
  } catch {
    return true;
  }
}

export interface ChromiumDeps {
  exists: (file: string) => boolean;
  /** Runs a command with the output shown; its exit status. */
  run: (command: string, args: string[], env: NodeJS.ProcessEnv) => number;
  uid: () => number;
  log: (line: string) => void;
}

const realDeps: ChromiumDeps = {
  exists: existsSync,
  run: (command, args, env) => spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1,
  uid: () => process.getuid?.() ?? -1,
  log: (line) => console.log(line),
};

/**
 * Makes sure the browser tests have their browser before any suite runs: nothing to do when
 * chromium is there or no browser suite is selected; else Debian's `chromium` from apt, as root
 * or through password-less sudo (nothing is downloaded from anywhere else); when neither is
 * possible, stops the run at once with the one command to run.
 */
export function ensureChromium(sel: SelectedTests, env: NodeJS.ProcessEnv = process.env, deps: ChromiumDeps = realDeps): 'present' | 'not-needed' | 'installed' {
  const binary = chromiumPath(env);
  if (deps.exists(binary)) return 'present';
  if (!browserSuitesSelected(sel)) return 'not-needed';
  if (env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH is ${binary}, and nothing is there: point it at a Chromium binary, or unset it to use Debian's chromium.`);
  }
  const asRoot = deps.uid() === 0;
  const viaSudo = !asRoot && deps.run('sudo', ['-n', 'true'], env) === 0;
  if (!asRoot && !viaSudo) {
    throw new Error(`The browser tests need Debian's chromium, and this user may not install packages. Run once:\n\n    ${CHROMIUM_INSTALL_HINT}\n\nthen npm test again.`);
  }
  deps.log("[setup] the browser tests need Debian's chromium: installing it with apt (once; a minute or two)");
  const apt = (args: string[]) => (asRoot ? deps.run('apt-get', args, aptEnv(env)) : deps.run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], env));
  if (apt(['update', '-qq']) !== 0 || apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']) !== 0 || !deps.exists(binary)) {
    throw new Error(`Installing chromium with apt failed (see above). Run:\n\n    ${CHROMIUM_INSTALL_HINT}\n\nthen npm test again.`);
  }
  deps.log(`[setup] chromium installed at ${binary}`);
  return 'installed';
}

const aptEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, DEBIAN_FRONTEND: 'noninteractive' });
