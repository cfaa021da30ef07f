import 'reflect-metadata';
import { exitWithLauncher, loadConfig } from '@pk/core';
import { createGatewayApp } from './gateway-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createGatewayApp(config);
  await app.listen(config.gateway.port, config.gateway.host);
  exitWithLauncher();
}

main().catch((error) => {
  console.error(`gateway failed to start: ${(error as Error).message}`);
  process.exit(1);
});
