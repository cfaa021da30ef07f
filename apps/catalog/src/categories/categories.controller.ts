import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CatalogPatterns } from '@pk/contracts';
import { CategoriesService, CategoryNode } from './categories.service';

@Controller()
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @MessagePattern(CatalogPatterns.categoryTree)
  tree(): Promise<CategoryNode[]> {
    return this.categories.tree();
  }
}
