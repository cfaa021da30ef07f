import { Inject, Injectable, Logger } from '@nestjs/common';
import { Caller, SERVICE_NAMES, ServiceName } from '@pk/contracts';
import { ReplySchemas } from '@pk/contracts/replies';
import { RequestBodyAt, RequestProblems, RequestSchemas } from '@pk/contracts/requests';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, fieldProblems } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import type { ZodError, ZodTypeAny } from 'zod';

/** A body or query as it arrives, before its pattern's schema has read it. */
export type Json = Record<string, unknown>;

/** A request refused by its schema at the gateway: no app ever saw it (an upload it named is still ours). */
export class RefusedBeforeSending extends DomainError {}

/** Every pattern is `<service>.<name>`: the service that answers it. */
export function serviceOf(pattern: string): ServiceName {
  const service = pattern.slice(0, pattern.indexOf('.')) as ServiceName;
  if (!SERVICE_NAMES.includes(service)) throw new Error(`pattern ${pattern} names no service`);
  return service;
}

/**
 * The gateway's one way to another app: the request is checked with its pattern's schema from
 * libs/contracts (the same one the app parses with, so a bad field is the app's 400 without the
 * trip), then sent on; with PK_CHECK_REPLIES on, the reply is held to its contract too.
 */
@Injectable()
export class RpcForwarder {
  private readonly logger = new Logger(RpcForwarder.name);
  private readonly checkReplies: boolean;

  constructor(
    private readonly clients: ServiceClients,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.checkReplies = config.gateway.checkReplies;
  }

  async send<R = unknown>(pattern: string, data: unknown, caller: Caller | null, requestId?: string, timeoutMs?: number): Promise<R> {
    checkRequest(pattern, data);
    const reply = await this.clients.send<R>(serviceOf(pattern), pattern, data, caller, { requestId, timeoutMs });
    if (this.checkReplies) this.checkReply(pattern, reply, requestId);
    return reply;
  }

  private checkReply(pattern: string, reply: unknown, requestId?: string): void {
    const schema = ReplySchemas[pattern];
    if (!schema) return;
    // What the client will read: the reply as JSON (an in-process reply may still hold a Date).
    const parsed = schema.safeParse(reply === undefined ? undefined : JSON.parse(JSON.stringify(reply)));
    if (parsed.success) return;
    const problems = fieldProblems(parsed.error).slice(0, 20);
    this.logger.error({ pattern, requestId, problems }, `the reply of ${pattern} breaks its contract`);
    throw new DomainError(ErrorCode.replyContractBroken, `The reply of ${pattern} does not match its contract: ${problems.map((p) => p.field).join(', ')}.`, {
      pattern,
      problems,
    } as unknown as Record<string, unknown>);
  }
}

/**
 * Refuses what the pattern's app would refuse, in the same words: `validation_failed` naming each
 * field. A body that travels in one field of the request (`{ id, patch }`) is named from the body.
 */
export function checkRequest(pattern: string, data: unknown): void {
  const schema: ZodTypeAny | undefined = RequestSchemas[pattern];
  if (!schema) return;
  const parsed = schema.safeParse(data);
  if (parsed.success) return;
  const own = RequestProblems[pattern];
  const details = own ? own(parsed.error, data) : fieldProblems(relativeToBody(parsed.error, RequestBodyAt[pattern]));
  if (!details) return;
  throw new RefusedBeforeSending(
    ErrorCode.validationFailed,
    `Please correct: ${details.map((d) => d.field).join(', ')}.`,
    details as unknown as Record<string, unknown>[],
  );
}

function relativeToBody(error: ZodError, bodyAt: { field: string; namedFromBody: boolean } | undefined): ZodError {
  if (!bodyAt?.namedFromBody) return error;
  return {
    ...error,
    issues: error.issues.map((i) => (i.path[0] === bodyAt.field ? { ...i, path: i.path.slice(1) } : i)),
  } as ZodError;
}
