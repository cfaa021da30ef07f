import { browserSuitesSelected, ChromiumDeps, ensureChromium } from './chromium';

const ROOT = '/work/repo';

function fakeDeps(opts: { present?: boolean; uid?: number; sudo?: boolean; aptWorks?: boolean }) {
  const calls: string[] = [];
  let installed = opts.present ?? false;
  const deps: ChromiumDeps = {
    exists: () => installed,
    uid: () => opts.uid ?? 1000,
    log: () => undefined,
    run: (command, args) => {
      calls.push([command, ...args].join(' '));
      if (command === 'sudo' && args.join(' ') === '-n true') return opts.sudo ? 0 : 1;
      if (args.includes('install') && opts.aptWorks !== false) installed = true;
      return opts.aptWorks === false && args.includes('install') ? 100 : 0;
    },
  };
  return { deps, calls };
}

describe('browserSuitesSelected', () => {
  it('is true for the whole suite, the e2e project and patterns reaching test/browser', () => {
    expect(browserSuitesSelected({ rootDir: ROOT })).toBe(true);
    expect(browserSuitesSelected({ rootDir: ROOT, selectProjects: ['e2e'] })).toBe(true);
    expect(browserSuitesSelected({ rootDir: ROOT, testPathPattern: 'test/browser' })).toBe(true);
    expect(browserSuitesSelected({ rootDir: ROOT, testPathPattern: 'buyer' })).toBe(true);
  });

  it('is false for the unit project and for other suites', () => {
    expect(browserSuitesSelected({ rootDir: ROOT, selectProjects: ['unit'] })).toBe(false);
    expect(browserSuitesSelected({ rootDir: ROOT, testPathPattern: 'test/orders' })).toBe(false);
    expect(browserSuitesSelected({ rootDir: ROOT, testPathPattern: 'search-died' })).toBe(false);
  });
});

describe('ensureChromium', () => {
  it('does nothing when chromium is there or no browser suite runs', () => {
    expect(ensureChromium({ rootDir: ROOT }, {}, fakeDeps({ present: true }).deps)).toBe('present');
    const { deps, calls } = fakeDeps({});
    expect(ensureChromium({ rootDir: ROOT, testPathPattern: 'test/orders' }, {}, deps)).toBe('not-needed');
    expect(calls).toEqual([]);
  });

  it('installs Debian chromium with apt as root, and through sudo -n otherwise', () => {
    const root = fakeDeps({ uid: 0 });
    expect(ensureChromium({ rootDir: ROOT }, {}, root.deps)).toBe('installed');
    expect(root.calls).toEqual(['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends chromium']);

    const user = fakeDeps({ sudo: true });
    expect(ensureChromium({ rootDir: ROOT }, {}, user.deps)).toBe('installed');
    expect(user.calls[0]).toBe('sudo -n true');
    expect(user.calls.slice(1)).toEqual([
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium',
    ]);
  });

  it('stops at once with the one command when it may not install', () => {
    const { deps } = fakeDeps({ sudo: false });
    expect(() => ensureChromium({ rootDir: ROOT }, {}, deps)).toThrow(/sudo apt-get install -y --no-install-recommends chromium/);
  });

  it('says so when apt fails, and when CHROMIUM_PATH points at nothing', () => {
    expect(() => ensureChromium({ rootDir: ROOT }, {}, fakeDeps({ uid: 0, aptWorks: false }).deps)).toThrow(/Installing chromium with apt failed/);
    expect(() => ensureChromium({ rootDir: ROOT }, { CHROMIUM_PATH: '/opt/none/chrome' }, fakeDeps({ uid: 0 }).deps)).toThrow(/CHROMIUM_PATH is \/opt\/none\/chrome/);
  });
});
