import { DynamicModule, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { Logger } from 'nestjs-pino';
import { ServiceName } from '@pk/contracts';
import { AppConfig } from './config';
import { InProcessServer, inProcessAddress } from './in-process-transport';
import { RpcErrorFilter } from './rpc-errors';
import { RpcLoggingInterceptor } from './rpc-logging.interceptor';
import { RpcSignatureGuard } from './rpc-signature.guard';

/**
 * Boots one back-end service as a microservice on its configured port: over TCP, or in the
 * single-process mode through the in-process transport under the same address.
 */
export async function startService(
  name: ServiceName,
  module: DynamicModule,
  config: AppConfig,
  opts: { shutdownHooks?: boolean } = {},
): Promise<INestMicroservice> {
  const port = config.services[name].port;
  const transport: MicroserviceOptions =
    config.processes === 'single'
      ? { strategy: new InProcessServer(inProcessAddress(port)) }
      : { transport: Transport.TCP, options: { host: config.rpcBindHost, port } };
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, { ...transport, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new RpcErrorFilter());
  // Before any handler, pipe or interceptor: only envelopes our apps signed are acted on.
  app.useGlobalGuards(new RpcSignatureGuard(config.rpcSecret));
  app.useGlobalInterceptors(new RpcLoggingInterceptor());
  if (opts.shutdownHooks ?? true) {
    app.enableShutdownHooks();
    exitWithLauncher();
  }
  await app.listen();
  return app;
}

/**
 * Under `npm start` each app runs in its own process group; if the launcher is killed outright
 * (no chance to stop us), we notice we were re-parented and exit instead of lingering.
 */
export function exitWithLauncher(env: NodeJS.ProcessEnv = process.env): void {
  const launcher = Number(env.PK_LAUNCHER_PID);
  if (!launcher) return;
  setInterval(() => {
    if (process.ppid !== launcher) process.exit(0);
  }, 1000).unref();
}
