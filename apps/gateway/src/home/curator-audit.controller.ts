import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { CuratorActionPage, Roles as RoleNames, curatorActionPageSchema } from '@pk/contracts';
import { Roles } from '../auth/auth.decorators';
import { CSV_MEDIA_TYPE } from '../http/csv-body';
import { Documents } from '../rpc/forwards';
import { auditQuery, parseAuditQuery } from './audit-query';
import { CuratorActionsService } from './curator-actions.service';
import { Json } from '../rpc/rpc-forwarder';

/** The log of every curator action (any write on any route), for the council. */
@ApiTags('curation')
@ApiBearerAuth()
@Roles(RoleNames.curator)
@Controller('curation')
export class CuratorAuditController {
  constructor(private readonly actions: CuratorActionsService) {}

  @Get('audit')
  @ApiOperation({
    summary:
      'Every curator write, newest first. Filters: curatorId, action (exact, or a prefix ending in *), outcome, targetId, ' +
      'from, to (YYYY-MM-DD is a WITA day; to includes it), limit, offset; format=csv downloads the filtered log.',
  })
  @Documents({ query: auditQuery, reply: curatorActionPageSchema })
  async list(@Query() query: Json, @Res({ passthrough: true }) reply: FastifyReply): Promise<CuratorActionPage | string> {
    const q = parseAuditQuery(query);
    return q.format === 'csv' ? this.download(q, reply) : this.actions.list(q);
  }

  @Get('audit.csv')
  @ApiProduces(CSV_MEDIA_TYPE)
  @ApiOperation({ summary: 'The filtered curator action log as CSV (same filters as /curation/audit).' })
  @Documents({ query: auditQuery.innerType().omit({ format: true }), replyType: CSV_MEDIA_TYPE })
  csv(@Query() query: Json, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.download(parseAuditQuery({ ...query, format: 'csv' }), reply);
  }

  private async download(q: ReturnType<typeof parseAuditQuery>, reply: FastifyReply): Promise<string> {
    const file = await this.actions.csv(q);
    void reply.header('content-type', `${CSV_MEDIA_TYPE}; charset=utf-8`).header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.csv;
  }
}
