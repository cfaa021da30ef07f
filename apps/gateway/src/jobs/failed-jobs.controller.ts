import { Controller, HttpCode, Get, Inject, OnModuleDestroy, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  Caller,
  FailedJobView,
  FailedJobsReply,
  QUEUES_BY_APP,
  Roles as RoleNames,
  SERVICE_NAMES,
  ServiceName,
  failedJobsPattern,
  retryJobPattern,
} from '@pk/contracts';
import { ReplySchemas, failedJobsReplySchema } from '@pk/contracts/replies';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, parseInput } from '@pk/core';
import { FailedJobs, failedJobsInput } from '@pk/messaging';
import { z } from 'zod';
import { CurrentCaller, RequestId, Roles } from '../auth/auth.decorators';
import { Documents } from '../rpc/forwards';
import { RpcForwarder } from '../rpc/rpc-forwarder';

type App = ServiceName | 'gateway';
const APPS = ['gateway', ...SERVICE_NAMES] as const;
const listQuery = failedJobsInput.extend({ app: z.enum(APPS).optional() });

// What the list answers: every app's failed jobs merged, and the apps that did not answer.
const failedJobsPage = failedJobsReplySchema.extend({ unavailable: z.array(z.enum(APPS)), queues: z.record(z.array(z.string())) });

/**
 * Failed jobs of every app, for curators: each app reads its own queues (an RPC), the gateway its
 * identity-events queue. An app that does not answer is named in `unavailable`, not an error.
 */
@ApiTags('curation')
@ApiBearerAuth()
@Roles(RoleNames.curator)
@Controller('curation/jobs')
export class FailedJobsController implements OnModuleDestroy {
  private readonly own: FailedJobs;

  constructor(
    private readonly rpc: RpcForwarder,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.own = new FailedJobs('gateway', config.redisUrl, config.redisPrefix);
  }

  @Get('failed')
  @ApiOperation({ summary: 'Failed jobs, newest first, of every app or one (`app`), optionally one `queue`; `limit` per app (1–200, default 50).' })
  @ApiQuery({ name: 'app', required: false, enum: APPS })
  @ApiQuery({ name: 'queue', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @Documents({ query: listQuery, reply: failedJobsPage })
  async failed(@CurrentCaller() caller: Caller, @Query() query: Record<string, string>, @RequestId() rid: string) {
    const { app, ...rest } = parseInput(listQuery, query);
    const apps: App[] = app ? [app] : [...APPS];
    const items: FailedJobView[] = [];
    const unavailable: App[] = [];
    let total = 0;
    await Promise.all(
      apps.map(async (a) => {
        try {
          const reply = a === 'gateway' ? await this.own.list(rest) : await this.rpc.send<FailedJobsReply>(failedJobsPattern(a), rest, caller, rid);
          items.push(...reply.items);
          total += reply.total;
        } catch (err) {
          // A bad queue name is the caller's to fix; a service that is down is reported, not fatal.
          if (err instanceof DomainError && err.code === ErrorCode.validationFailed) throw err;
          unavailable.push(a);
        }
      }),
    );
    items.sort((x, y) => (y.failedAt ?? '').localeCompare(x.failedAt ?? ''));
    return { items, total, unavailable, queues: QUEUES_BY_APP };
  }

  @Post(':app/:queue/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retry one failed job: it goes back to waiting and runs again.' })
  // Every app's retry answers the same reply (the gateway's own queue too).
  @Documents({ body: z.object({}).strict(), reply: ReplySchemas[retryJobPattern('catalog')] })
  retry(@CurrentCaller() caller: Caller, @Param('app') app: string, @Param('queue') queue: string, @Param('id') id: string, @RequestId() rid: string) {
    const a = parseInput(z.object({ app: z.enum(APPS) }), { app }).app;
    if (a === 'gateway') return this.own.retry(queue, id);
    return this.rpc.send(retryJobPattern(a), { queue, id }, caller, rid);
  }

  onModuleDestroy() {
    return this.own.close();
  }
}
