import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogPatterns, REGENCIES } from '@pk/contracts';
import { Public } from '../auth/auth.decorators';
import { RpcForwarder } from '../rpc/rpc-forwarder';
import { z } from 'zod';
import { Documents, Forwards } from '../rpc/forwards';

/** The craft taxonomy and Bali's regencies, for forms and filters. */
@ApiTags('catalog')
@Public()
@Controller()
export class TaxonomyController {
  constructor(private readonly catalog: RpcForwarder) {}

  @Get('categories')
  @ApiOperation({ summary: 'The craft taxonomy tree; listings are filed under its leaves.' })
  @Forwards(CatalogPatterns.categoryTree)
  categories() {
    return this.catalog.send(CatalogPatterns.categoryTree, {}, null);
  }

  @Get('regencies')
  @ApiOperation({ summary: "Bali's eight regencies and the city of Denpasar." })
  @Documents({ reply: z.array(z.object({ slug: z.string(), name: z.string() })) })
  regencies() {
    return Object.entries(REGENCIES).map(([slug, name]) => ({ slug, name }));
  }
}
