import { Global, Module } from '@nestjs/common';
import { ServiceClients } from '@pk/messaging';

@Global()
@Module({ providers: [ServiceClients], exports: [ServiceClients] })
export class RpcModule {}
