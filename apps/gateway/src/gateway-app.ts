import { IncomingMessage } from 'http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, REQUEST_ID_HEADER, requestIdOf } from '@pk/core';
import { registerMediaHttp } from './catalog/media-http';
import { GatewayModule } from './gateway.module';
import { useCsvBodyParser } from './http/csv-body';
import { clientErrorHandler, frameworkErrors } from './http/framework-errors';
import { HttpErrorFilter } from './http/http-error.filter';
import { useInputGuard } from './http/input-guard';
import { useCodedJsonParser } from './http/json-parser';
import { useSecurityHeaders } from './http/security-headers';
import { RequestValidationPipe } from './http/validation';
import { registerWebApp } from './http/web-app';
import { documentContracts } from './rpc/openapi';

export const API_PREFIX = 'api/v1';

/** Builds the gateway (not yet listening): Fastify, /api/v1, OpenAPI, validation, one error shape. */
export async function createGatewayApp(
  config: AppConfig,
  opts: { shutdownHooks?: boolean; /** the web build to serve (default apps/web/dist) */ webDir?: string } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.gateway.bodyLimitBytes,
    // One hop, the edge proxy: the client is the address it appended to X-Forwarded-For, not the
    // first entry, which the client writes itself (a forged one would dodge the per-address throttles).
    trustProxy: config.gateway.trustProxy ? 1 : false,
    genReqId: (req: IncomingMessage) => requestIdOf(req),
    requestIdHeader: false,
    frameworkErrors, // a path that does not decode, or a parameter too long: our error shape
    clientErrorHandler, // headers too large: our error shape
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config), adapter, {
    bufferLogs: true,
    bodyParser: false, // the JSON parser is ours (http/json-parser.ts)
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  // JSON only: a text body is refused with 415 instead of reaching a DTO as a string.
  fastify.removeContentTypeParser('text/plain');
  useCodedJsonParser(fastify);
  useInputGuard(fastify); // NUL, lone surrogates, Infinity, deep nesting: 400 before any handler
  useSecurityHeaders(fastify, config); // CSP, nosniff, no framing, referrer policy on every response
  await registerMediaHttp(app, config); // multipart uploads; /media when photos are on local disk
  useCsvBodyParser(fastify, config.gateway.csvBodyLimitBytes);
  await registerWebApp(app, config, opts.webDir); // the SPA at every non-API path
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
  documentContracts(app, document); // request and reply bodies from libs/contracts' schemas
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
