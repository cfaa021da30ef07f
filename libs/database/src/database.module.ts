import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@pk/core';
import { dataSourceOptions } from './data-source';

/** TypeORM for one app, bound to the schema it owns. */
@Module({})
export class DatabaseModule {
  static forApp(config: AppConfig, schema: string, entities: Function[] = []): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, schema, entities, config.databasePoolSize))],
      exports: [TypeOrmModule],
    };
  }
}
