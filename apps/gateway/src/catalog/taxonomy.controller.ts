import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogPatterns, REGENCIES } from '@pk/contracts';
import { Public } from '../auth/auth.decorators';
import { CatalogRpc } from './catalog-rpc';

/** The craft taxonomy and Bali's regencies, for forms and filters. */
@ApiTags('catalog')
@Public()
@Controller()
export class TaxonomyController {
  constructor(private readonly catalog: CatalogRpc) {}

  @Get('categories')
  @ApiOperation({ summary: 'The craft taxonomy tree; listings are filed under its leaves.' })
  categories() {
    return this.catalog.send(CatalogPatterns.categoryTree, {}, null);
  }

  @Get('regencies')
  @ApiOperation({ summary: "Bali's eight regencies and the city of Denpasar." })
  regencies() {
    return Object.entries(REGENCIES).map(([slug, name]) => ({ slug, name }));
  }
}
