import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ArtisansReport, Caller, ChannelHealthReport, ReportsPatterns, Roles as RoleNames, SALES_GROUPS, SalesReport } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { CurrentCaller, RequestId, Roles } from '../auth/auth.decorators';
import { CSV_MEDIA_TYPE } from '../http/csv-body';
import { Forwards } from '../rpc/forwards';
import { RpcForwarder } from '../rpc/rpc-forwarder';
import { CsvFile, artisansCsv, channelsCsv, salesCsv } from './reports-csv';

type QueryParams = Record<string, string | undefined>;

/** `?format=` is json (the default) or csv; anything else is a 400 naming it. */
function wantsCsv(format: string | undefined): boolean {
  if (format === undefined || format === 'json') return false;
  if (format === 'csv') return true;
  throw new DomainError(ErrorCode.validationFailed, 'Please correct: format.', [{ field: 'format', messages: ['json or csv'] }]);
}

function sendCsv(reply: FastifyReply, file: CsvFile): string {
  void reply.header('content-type', `${CSV_MEDIA_TYPE}; charset=utf-8`).header('content-disposition', `attachment; filename="${file.fileName}"`);
  return file.csv;
}

/** The council's reports, each as JSON or as a CSV download (`?format=csv`). */
@ApiTags('curation')
@ApiBearerAuth()
@Roles(RoleNames.curator)
@Controller('curation/reports')
export class ReportsController {
  constructor(private readonly rpc: RpcForwarder) {}

  @Get('sales')
  @ApiProduces('application/json', CSV_MEDIA_TYPE)
  @ApiOperation({
    summary:
      'Sales of orders paid in the period (WITA days, both included; default the last 30 days): orders, units, GMV (goods), shipping, refunds so far and net (GMV + shipping − refunds), in whole rupiah.',
  })
  @ApiQuery({ name: 'groupBy', required: false, enum: SALES_GROUPS })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'limit', required: false, description: '1–1000, default 100' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @Forwards(ReportsPatterns.sales)
  async sales(@CurrentCaller() caller: Caller, @Query() query: QueryParams, @RequestId() rid: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { format, ...rest } = query;
    const csv = wantsCsv(format);
    const report = await this.rpc.send<SalesReport>(ReportsPatterns.sales, rest, caller, rid);
    return csv ? sendCsv(reply, salesCsv(report)) : report;
  }

  @Get('artisans')
  @ApiProduces('application/json', CSV_MEDIA_TYPE)
  @ApiOperation({ summary: 'Artisans by status, overall and per regency, and the pending applications, oldest first.' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @Forwards(ReportsPatterns.artisans)
  async artisans(@CurrentCaller() caller: Caller, @Query('format') format: string | undefined, @RequestId() rid: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const csv = wantsCsv(format);
    const report = await this.rpc.send<ArtisansReport>(ReportsPatterns.artisans, {}, caller, rid);
    return csv ? sendCsv(reply, artisansCsv(report)) : report;
  }

  @Get('channels')
  @ApiProduces('application/json', CSV_MEDIA_TYPE)
  @ApiOperation({ summary: 'Export health per channel account: last run, last success, listings by status, top failure reasons, the last 7 days.' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @Forwards(ReportsPatterns.channels)
  async channels(@CurrentCaller() caller: Caller, @Query('format') format: string | undefined, @RequestId() rid: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const csv = wantsCsv(format);
    const report = await this.rpc.send<ChannelHealthReport>(ReportsPatterns.channels, {}, caller, rid);
    return csv ? sendCsv(reply, channelsCsv(report)) : report;
  }
}
