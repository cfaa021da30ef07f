import { DynamicModule } from '@nestjs/common';
import { IncomingMessage, ServerResponse } from 'http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config';
import { newId } from './ids';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's request id when it is sane, else makes one; echoed on every response. */
export function requestIdOf(req: IncomingMessage & { id?: unknown }, res?: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id =
    typeof req.id === 'string' && req.id
      ? req.id
      : typeof given === 'string' && SAFE_REQUEST_ID.test(given)
        ? given
        : newId();
  res?.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** JSON logs with pino; in HTTP apps every line carries the request id (`reqId`). */
export function loggingModule(config: AppConfig, service: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.logLevel,
      base: { service },
      genReqId: (req, res) => requestIdOf(req, res),
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["stripe-signature"]'],
      customLogLevel: (_req, res, err) => (res.statusCode >= 500 && res.statusCode !== 503 ? 'error' : err || res.statusCode >= 400 ? 'warn' : 'info'),
      // pino-http invents an Error for any 5xx; a planned 503 (/ready) needs no stack trace.
      customErrorObject: (_req, _res, err, value: Record<string, unknown>) =>
        err.message.startsWith('failed with status code') ? { ...value, err: undefined } : value,
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  });
}
