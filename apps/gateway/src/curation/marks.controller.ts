import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurationPatterns, Roles as RoleNames } from '@pk/contracts';
import { CurrentCaller, Public, RequestId, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/** The kinds of provenance marks, for anyone (filters, legends). */
@ApiTags('marks')
@Public()
@Controller('marks')
export class MarkTypesController {
  constructor(private readonly catalog: RpcForwarder) {}

  @Get()
  @ApiOperation({ summary: 'The provenance marks the council grants: code, names, issuer, kind (council or geographical_indication).' })
  @Forwards(CurationPatterns.markTypes)
  types(@RequestId() rid: string) {
    return this.catalog.send(CurationPatterns.markTypes, {}, null, rid);
  }
}

/** Curators grant provenance marks to a shop or a listing, and revoke them; the catalog checks again. */
@ApiTags('curation')
@ApiBearerAuth()
@Roles(RoleNames.curator)
@Controller('curation/marks')
export class CurationMarksController {
  constructor(private readonly catalog: RpcForwarder) {}

  @Get()
  @ApiOperation({ summary: 'Grants, newest first: ?code=, ?artisanId=, ?listingId=, ?state=live|expired|revoked, ?limit=, ?offset=.' })
  @Forwards(CurationPatterns.markList)
  list(@CurrentCaller() caller: Caller, @Query() query: Json, @RequestId() rid: string) {
    return this.catalog.send(CurationPatterns.markList, query, caller, rid);
  }

  @Post()
  @ApiOperation({ summary: 'Grant: { code, artisanId | listingId, evidence, expiresAt? (ISO 8601, in the future) }.' })
  @Forwards(CurationPatterns.markGrant)
  grant(@CurrentCaller() caller: Caller, @Body() body: Json, @RequestId() rid: string) {
    return this.catalog.send(CurationPatterns.markGrant, body, caller, rid);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke: { reason }. The mark leaves its listings and search at once.' })
  @Forwards(CurationPatterns.markRevoke)
  revoke(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @Body() body: Json, @RequestId() rid: string) {
    return this.catalog.send(CurationPatterns.markRevoke, { ...body, id }, caller, rid);
  }
}
