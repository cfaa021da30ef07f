import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { HomePage, HomePatterns, HomeReply, Services } from '@pk/contracts';
import { ServiceClients } from '@pk/messaging';
import { Public, RequestId } from '../auth/auth.decorators';

/** The storefront's home page, composed and cached by the catalog. */
@ApiTags('home')
@Controller('home')
export class HomeController {
  constructor(private readonly clients: ServiceClients) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Live campaigns, featured collections, new artisans and regional highlights; `x-cache: hit|miss`.' })
  async get(@RequestId() rid: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<HomePage> {
    const { page, cache } = await this.clients.send<HomeReply>(Services.catalog, HomePatterns.get, {}, null, { requestId: rid });
    void reply.header('x-cache', cache);
    return page;
  }
}
