import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { HomePage, HomePatterns, HomeReply } from '@pk/contracts';
import { Public, RequestId } from '../auth/auth.decorators';
import { Forwards } from '../rpc/forwards';
import { RpcForwarder } from '../rpc/rpc-forwarder';

/** The storefront's home page, composed and cached by the catalog. */
@ApiTags('home')
@Controller('home')
export class HomeController {
  constructor(private readonly catalog: RpcForwarder) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Live campaigns, featured collections, new artisans and regional highlights; `x-cache: hit|miss`.' })
  @Forwards(HomePatterns.get, { replyAt: 'page' })
  async get(@RequestId() rid: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<HomePage> {
    const { page, cache } = await this.catalog.send<HomeReply>(HomePatterns.get, {}, null, rid);
    void reply.header('x-cache', cache);
    return page;
  }
}
