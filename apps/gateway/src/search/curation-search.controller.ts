import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles as RoleNames, SearchPatterns } from '@pk/contracts';
import { CurrentCaller, RequestId, Roles } from '../auth/auth.decorators';
import { UuidParam } from '../http/validation';
import { Json, RpcForwarder } from '../rpc/rpc-forwarder';
import { Forwards } from '../rpc/forwards';

/** The council's control of the search index: full reindex, reconcile, their runs and progress. */
@ApiTags('curation')
@ApiBearerAuth()
@Roles(RoleNames.curator)
@Controller('curation/search')
export class CurationSearchController {
  constructor(private readonly search: RpcForwarder) {}

  @Post('reindex')
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild the index beside the live one and swap it in (no downtime). Follow the run.' })
  @Forwards(SearchPatterns.reindex, { gatewaySets: ['trigger'] })
  reindex(@CurrentCaller() caller: Caller, @RequestId() rid: string) {
    return this.search.send(SearchPatterns.reindex, { trigger: 'api' }, caller, rid);
  }

  @Post('reconcile')
  @HttpCode(202)
  @ApiOperation({ summary: 'Compare the index with the catalogue and repair what differs. Follow the run.' })
  @Forwards(SearchPatterns.reconcile, { gatewaySets: ['trigger'] })
  reconcile(@CurrentCaller() caller: Caller, @RequestId() rid: string) {
    return this.search.send(SearchPatterns.reconcile, { trigger: 'api' }, caller, rid);
  }

  @Get('runs')
  @ApiOperation({ summary: 'Reindex and reconcile runs, newest first (limit, offset).' })
  @Forwards(SearchPatterns.runs)
  runs(@CurrentCaller() caller: Caller, @Query() query: Json, @RequestId() rid: string) {
    return this.search.send(SearchPatterns.runs, query, caller, rid);
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'One run: status, progress and result (what a reconcile fixed).' })
  @Forwards(SearchPatterns.run)
  run(@CurrentCaller() caller: Caller, @Param('id', new UuidParam('id')) id: string, @RequestId() rid: string) {
    return this.search.send(SearchPatterns.run, { id }, caller, rid);
  }

  @Get('status')
  @ApiOperation({ summary: 'The live index: its name, documents, settings version, and whether Meilisearch answers.' })
  @Forwards(SearchPatterns.status)
  status(@CurrentCaller() caller: Caller, @RequestId() rid: string) {
    return this.search.send(SearchPatterns.status, {}, caller, rid);
  }
}
