import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Public, RequestId } from '../auth/auth.decorators';
import { Readiness, ReadinessService } from './readiness.service';

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the gateway process answers.' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: Postgres, Redis, Meilisearch and every service, each listed.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply, @RequestId() requestId: string): Promise<Readiness> {
    const result = await this.readiness.check(requestId);
    reply.status(result.status === 'ready' ? 200 : 503);
    return result;
  }
}
