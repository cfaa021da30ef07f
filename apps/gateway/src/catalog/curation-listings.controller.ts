import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogPatterns, Caller, Roles as RoleNames } from '@pk/contracts';
import { CurrentCaller, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/** The council's listing moderation, catalogue settings and the catalog's change log. */
@ApiTags('curation')
@ApiBearerAuth()
@Roles(RoleNames.curator)
@Controller('curation')
export class CurationListingsController {
  constructor(private readonly catalog: RpcForwarder) {}

  @Get('listings')
  @ApiOperation({ summary: 'Submitted listings waiting for a decision, oldest first.' })
  @Forwards(CatalogPatterns.listingQueue)
  queue(@CurrentCaller() caller: Caller, @Query() query: Json) {
    return this.catalog.send(CatalogPatterns.listingQueue, query, caller);
  }

  @Post('listings/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve, reject (with a reason) or unpublish (with a reason) a listing.' })
  @Forwards(CatalogPatterns.listingDecide)
  decide(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json) {
    return this.catalog.send(CatalogPatterns.listingDecide, { ...body, id }, caller);
  }

  @Get('settings')
  @ApiOperation({ summary: "The council's catalogue settings." })
  @Forwards(CatalogPatterns.settingsGet)
  settings(@CurrentCaller() caller: Caller) {
    return this.catalog.send(CatalogPatterns.settingsGet, {}, caller);
  }

  @Patch('settings')
  @ApiOperation({ summary: 'Change catalogue settings, e.g. {"autoPublishVerified": true}.' })
  @Forwards(CatalogPatterns.settingsUpdate)
  updateSettings(@CurrentCaller() caller: Caller, @Body() body: Json) {
    return this.catalog.send(CatalogPatterns.settingsUpdate, body, caller);
  }

  // The log of every curator request is /curation/audit (home/curator-audit.controller.ts).
  @Get('audit/changes')
  @ApiOperation({ summary: 'Catalog decisions with before/after, newest first; filter by actorId, action, entityType, entityId, from, to.' })
  @Forwards(CatalogPatterns.auditList)
  auditChanges(@CurrentCaller() caller: Caller, @Query() query: Json) {
    return this.catalog.send(CatalogPatterns.auditList, query, caller);
  }
}
