import { Global, Module } from '@nestjs/common';
import { ServiceClients } from './service-clients';

@Global()
@Module({ providers: [ServiceClients], exports: [ServiceClients] })
export class RpcModule {}
