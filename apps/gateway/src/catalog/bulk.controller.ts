import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { CatalogPatterns, Caller, ImportPreviewReport, ImportUpload, ImportView, ShopExport } from '@pk/contracts';
import { DomainError, ErrorCode } from '@pk/core';
import { CurrentCaller, RequestId } from '../auth/auth.decorators';
import { CSV_MEDIA_TYPE } from '../http/csv-body';
import { UuidParam } from '../http/validation';
import { Documents, Forwards } from '../rpc/forwards';
import { RpcForwarder } from '../rpc/rpc-forwarder';

// Checking a file of 5,000 rows takes longer than an ordinary call.
const BULK_TIMEOUT_MS = 30_000;

/** A route whose body is the CSV file itself. */
const CsvUpload = () =>
  applyDecorators(
    ApiConsumes(CSV_MEDIA_TYPE),
    ApiBody({ schema: { type: 'string', format: 'binary', description: 'The CSV file, UTF-8, one row per variant.' } }),
  );

/**
 * Bulk CSV upload and export of an artisan's own shop. The bytes go to the catalog as base64,
 * untouched: it checks the encoding, the columns and every row, and who may write.
 */
@ApiTags('bulk upload')
@ApiBearerAuth()
@Controller('listings')
export class BulkController {
  constructor(private readonly catalog: RpcForwarder) {}

  @Post('imports/preview')
  @HttpCode(200)
  @CsvUpload()
  @ApiOperation({ summary: 'Check a CSV without writing anything: every bad row with its line and reason.' })
  @Forwards(CatalogPatterns.importPreview, { gatewaySets: ['csvBase64'] })
  preview(@CurrentCaller() caller: Caller, @Body() body: unknown, @Headers('content-type') type: string | undefined, @RequestId() rid: string) {
    return this.catalog.send<ImportPreviewReport>(CatalogPatterns.importPreview, upload(body, type), caller, rid, BULK_TIMEOUT_MS);
  }

  @Post('imports')
  @HttpCode(202)
  @CsvUpload()
  @ApiOperation({ summary: 'Import a CSV, all or nothing, as a background job (422 with the errors if the preview has any).' })
  @Forwards(CatalogPatterns.importStart, { gatewaySets: ['csvBase64'] })
  start(@CurrentCaller() caller: Caller, @Body() body: unknown, @Headers('content-type') type: string | undefined, @RequestId() rid: string) {
    return this.catalog.send<ImportView>(CatalogPatterns.importStart, upload(body, type), caller, rid, BULK_TIMEOUT_MS);
  }

  @Get('imports/:id')
  @ApiOperation({ summary: 'An import of yours: status, progress, the listings it made or why it failed.' })
  @Forwards(CatalogPatterns.importGet)
  get(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.catalog.send<ImportView>(CatalogPatterns.importGet, { id }, caller, rid);
  }

  @Get('export')
  @ApiProduces(CSV_MEDIA_TYPE)
  @ApiOperation({ summary: "Your shop's listings (all but archived) as a CSV in the upload format, one row per variant." })
  @Forwards(CatalogPatterns.exportShop)
  @Documents({ replyType: CSV_MEDIA_TYPE })
  async export(@CurrentCaller() caller: Caller, @RequestId() rid: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const file = await this.catalog.send<ShopExport>(CatalogPatterns.exportShop, {}, caller, rid, BULK_TIMEOUT_MS);
    void reply.header('content-type', `${CSV_MEDIA_TYPE}; charset=utf-8`).header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.csv;
  }
}

/** The upload as the catalog takes it; a body that is not text/csv is a 415. */
function upload(body: unknown, contentType: string | undefined): ImportUpload {
  if (Buffer.isBuffer(body)) return { csvBase64: body.toString('base64') };
  if (contentType?.split(';')[0].trim().toLowerCase() === CSV_MEDIA_TYPE) return { csvBase64: '' }; // an empty file
  throw new DomainError(ErrorCode.unsupportedMediaType, `Send the file as ${CSV_MEDIA_TYPE} (the raw CSV as the request body).`);
}
