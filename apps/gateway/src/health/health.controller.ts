import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Public, RequestId } from '../auth/auth.decorators';
import { Documents } from '../rpc/forwards';
import { Readiness, ReadinessService } from './readiness.service';

const check = z.object({ status: z.enum(['up', 'down']), latencyMs: z.number(), error: z.string().optional() });

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the gateway process answers.' })
  @Documents({ reply: z.object({ status: z.literal('ok') }) })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: Postgres, Redis, Meilisearch and every service, each listed.' })
  // 503 with the same body when a part is down.
  @Documents({ reply: z.object({ status: z.enum(['ready', 'not_ready']), checks: z.record(check) }) })
  async ready(@Res({ passthrough: true }) reply: FastifyReply, @RequestId() requestId: string): Promise<Readiness> {
    const result = await this.readiness.check(requestId);
    reply.status(result.status === 'ready' ? 200 : 503);
    return result;
  }
}
