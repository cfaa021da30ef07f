/**
 * One replica of every app (the five services and the gateway) in a process of its own, for
 * test/support/replicas.ts: configured from the environment like `npm start`'s apps, so a test
 * can SIGKILL it. Run with `node -r scripts/register.js test/support/replica-set.ts`; writes
 * "ready <gateway port>" on stdout once the gateway listens.
 */
import 'reflect-metadata';
import { SERVICE_NAMES } from '@pk/contracts';
import { loadConfig, startService } from '@pk/core';
import { createGatewayApp } from '../../apps/gateway/src/gateway-app';
import { SERVICE_MODULES } from './service-modules';

async function main(): Promise<void> {
  const config = loadConfig();
  // Shutdown hooks on: SIGTERM stops it as an orchestrator would, and PK_LAUNCHER_PID makes it
  // exit when the test process that started it is gone.
  await Promise.all(
    SERVICE_NAMES.map((name) => startService(name, SERVICE_MODULES[name].forRoot(config) as Parameters<typeof startService>[1], config)),
  );
  const gateway = await createGatewayApp(config);
  await gateway.listen(config.gateway.port, '127.0.0.1');
  const address = gateway.getHttpServer().address();
  process.stdout.write(`ready ${typeof address === 'object' && address ? address.port : config.gateway.port}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
