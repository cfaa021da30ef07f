import { globalInfra } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const g = globalInfra.__pkInfra;
  if (!g) return;
  globalInfra.__pkInfra = undefined;
  await g.infra.stop();
  for (const [key, value] of Object.entries(g.saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}
