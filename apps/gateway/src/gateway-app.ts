import { IncomingMessage } from 'http';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, REQUEST_ID_HEADER, requestIdOf } from '@pk/core';
import { GatewayModule } from './gateway.module';
import { HttpErrorFilter, sendError } from './http/http-error.filter';
import { RequestValidationPipe } from './http/validation';

export const API_PREFIX = 'api/v1';

/** Builds the gateway (not yet listening): Fastify, /api/v1, OpenAPI, validation, one error shape. */
export async function createGatewayApp(config: AppConfig, opts: { shutdownHooks?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.gateway.bodyLimitBytes,
    trustProxy: config.gateway.trustProxy,
    genReqId: (req: IncomingMessage) => requestIdOf(req),
    requestIdHeader: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  // JSON only: a text body is refused with 415 instead of reaching a DTO as a string.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'ready'] });
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  if (opts.shutdownHooks ?? true) app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pasar Kriya API')
      .setDescription("Bali's artisan craft marketplace. Errors are `{ error: { code, message, details } }`.")
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await app.init();
  // After init, replacing Nest's handler: Fastify's own errors (bad JSON, body too large) keep
  // their codes and get the same body as every other failure.
  const errorLogger = new NestLogger('HttpError');
  fastify.setErrorHandler((error, req, reply) => sendError(error, req, reply, errorLogger));
  return app;
}
